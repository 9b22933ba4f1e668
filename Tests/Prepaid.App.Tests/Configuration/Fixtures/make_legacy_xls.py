# Writes legacy.xls (BIFF8, Excel 97-2003) with xlwt, an independent writer, for the .xls import test.
# Run with Debian's python3-xlwt: /usr/bin/python3 make_legacy_xls.py
import xlwt

book = xlwt.Workbook(encoding="utf-8")
sheets = {
    "Gateways": [["Name", "Host", "Framing", "Shaft", "Enabled"],
                 ["GW-XLS", "gw-xls.local", "RtuOverTcp", "S1", "yes"]],
    "Buses": [["Gateway", "Port", "TcpPort", "Name", "Baud", "Parity", "TimeoutMs"],
              ["GW-XLS", 1, 4001, "XLS-COM1", 9600, "None", 800]],
    "Tenants": [["Unit", "Name", "NameEn", "AreaM2", "Business", "Contact", "Mobile", "MobileAlt", "Account"],
                ["XLS-01", "老凤祥", "Lao Feng Xiang", 56.25, "Retail", "李雷", "13900001234", None, "X900001"]],
    "Meters": [["Gateway", "Port", "Address", "Serial", "Name", "Kind", "Role", "Profile", "Billing", "CT", "PT",
                "PowerLimitKw", "PowerLimitSeconds", "Tariff", "Account", "Shaft", "Transformer", "PublicLoad", "Location"],
               ["GW-XLS", 1, 1, "XLS-0001", "XLS-01-E", "Electricity", "Tenant", "PrepaidSinglePhase", "Meter", 1, 1,
                10, 60, "E-TOU", "X900001", "S1", None, None, "L1"],
               ["GW-XLS", 1, 2, 2410999900002, "S1-LT-L1-东区", "Electricity", "PublicArea", "PublicArea", "Platform", 40, 1,
                None, 60, "E-TOU", None, "S1", None, "Lighting", "L1 东区"]],
}
for name, rows in sheets.items():
    sheet = book.add_sheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
book.save("legacy.xls")
