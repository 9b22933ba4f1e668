namespace Prepaid.App.Configuration.Import;

/// <summary>One column of a template sheet: the header (also the field name in errors) and what it holds, in both languages.</summary>
public sealed record TemplateColumn(string Name, bool Required, string English, string Chinese);

/// <summary>A sheet of the template: its name and columns, in order.</summary>
public sealed record TemplateSheet(string Name, string English, string Chinese, IReadOnlyList<TemplateColumn> Columns)
{
    public int IndexOf(string column) => Columns.Select(c => c.Name).ToList().IndexOf(column);
}

/// <summary>
/// The configuration workbook: what import reads, export writes and the template offers. Headers are fixed
/// identifiers (the same in every language); the Instructions sheet explains them in English and Chinese.
/// </summary>
public static class SpreadsheetTemplate
{
    public const string Instructions = "Instructions";

    public static readonly TemplateSheet Shafts = new("Shafts", "Electrical shafts (optional sheet).", "强电井（可选工作表）。",
    [
        new("Code", true, "Short code, unique, e.g. S1. Rows are matched by code.", "编码，唯一，如 S1。按编码匹配。"),
        new("Name", true, "Display name.", "名称。"),
        new("Transformer", false, "Code of the transformer feeding the shaft (must exist), or empty.", "供电变压器编码（须已存在），可空。"),
    ]);

    public static readonly TemplateSheet Gateways = new("Gateways", "Communication managers on the LAN.", "通讯管理机（网关）。",
    [
        new("Name", true, "Unique name, e.g. GW-S1. Rows are matched by name.", "唯一名称，如 GW-S1。按名称匹配。"),
        new("Host", true, "IP address or host name.", "IP 地址或主机名。"),
        new("Framing", true, "ModbusTcp or RtuOverTcp.", "ModbusTcp 或 RtuOverTcp（透传）。"),
        new("Shaft", false, "Code of the shaft whose box holds it, or empty.", "所在强电井编码，可空。"),
        new("Enabled", true, "yes or no: no stops polling.", "yes 或 no：no 表示停止采集。"),
    ]);

    public static readonly TemplateSheet Buses = new("Buses", "RS485 buses (serial ports) behind the gateways.", "网关下的 RS485 总线（串口）。",
    [
        new("Gateway", true, "Name of the gateway (in the database or on the Gateways sheet).", "网关名称（数据库中或网关表中）。"),
        new("Port", true, "Serial port number on the gateway, 1 to 32. Rows are matched by gateway and port.", "网关串口号 1–32。按网关+串口匹配。"),
        new("TcpPort", true, "TCP port at which the gateway serves this serial port, 1 to 65535.", "该串口对应的 TCP 端口 1–65535。"),
        new("Name", true, "Display name, e.g. S1-COM1.", "名称，如 S1-COM1。"),
        new("Baud", true, "1200, 2400, 4800, 9600, 19200 or 38400.", "波特率：1200、2400、4800、9600、19200 或 38400。"),
        new("Parity", true, "None, Even or Odd.", "校验：None、Even 或 Odd。"),
        new("TimeoutMs", true, "Response timeout in milliseconds, 50 to 10000.", "应答超时（毫秒）50–10000。"),
    ]);

    public static readonly TemplateSheet Meters = new("Meters", "Meters. Matched by serial number, or by gateway, port and address.", "电表/水表。按表号匹配，或按网关+串口+地址匹配。",
    [
        new("Gateway", true, "Gateway name.", "网关名称。"),
        new("Port", true, "Serial port number of the bus on that gateway.", "该网关的串口号。"),
        new("Address", true, "Modbus address on the bus, 1 to 247, unique per bus.", "总线上的 Modbus 地址 1–247，同一总线内唯一。"),
        new("Serial", true, "Manufacturer serial number, unique.", "表号（出厂编号），唯一。"),
        new("Name", true, "Display name, e.g. L2-015-E.", "名称，如 L2-015-E。"),
        new("Kind", true, "Electricity or Water.", "类型：Electricity（电）或 Water（水）。"),
        new("Role", true, "Tenant, PublicArea or MainIncomer.", "用途：Tenant（商户）、PublicArea（公区）或 MainIncomer（总进线）。"),
        new("Profile", true, "PrepaidSinglePhase, PrepaidThreePhase, PublicArea, MainIncomer or PrepaidWater.", "表型：PrepaidSinglePhase、PrepaidThreePhase、PublicArea、MainIncomer 或 PrepaidWater。"),
        new("Billing", true, "Meter (internal control) or Platform (external control).", "计费方式：Meter（表内控）或 Platform（平台外控）。"),
        new("CT", true, "Current transformer ratio, 1 to 10000.", "电流互感器变比 1–10000。"),
        new("PT", true, "Voltage transformer ratio, 1 to 1000.", "电压互感器变比 1–1000。"),
        new("PowerLimitKw", false, "Power limit in kW (up to 3 decimals), or empty for none.", "功率限值（kW，最多 3 位小数），空为不限。"),
        new("PowerLimitSeconds", true, "Seconds above the limit before the trip, 1 to 3600.", "超限跳闸延时（秒）1–3600。"),
        new("Tariff", false, "Tariff code (must exist), or empty.", "电价/水价编码（须已存在），可空。"),
        new("Account", false, "Account number of the tenant (tenant meters only).", "商户账户号（仅商户表）。"),
        new("Shaft", false, "Shaft code, or empty for the low-voltage room.", "强电井编码，低压配电室为空。"),
        new("Transformer", false, "Transformer code (main incomers only).", "变压器编码（仅总进线表）。"),
        new("PublicLoad", false, "Lighting, Lift, Escalator, Hvac or Pump (public-area meters only).", "公区负荷：Lighting、Lift、Escalator、Hvac 或 Pump（仅公区表）。"),
        new("Location", false, "Floor and position.", "安装位置。"),
    ]);

    public static readonly TemplateSheet Tenants = new("Tenants", "Shops and their accounts. Matched by unit number.", "商户及其账户。按铺位号匹配。",
    [
        new("Unit", true, "Unit number, unique, e.g. L2-015.", "铺位号，唯一，如 L2-015。"),
        new("Name", true, "Shop name (Chinese).", "商户名称（中文）。"),
        new("NameEn", true, "Shop name (English).", "商户名称（英文）。"),
        new("AreaM2", true, "Leased area in square metres (up to 2 decimals).", "租赁面积（平方米，最多 2 位小数）。"),
        new("Business", true, "Retail, Restaurant, FoodCourt, Supermarket, Cinema, Ktv, Service or Cafe.", "业态：Retail、Restaurant、FoodCourt、Supermarket、Cinema、Ktv、Service 或 Cafe。"),
        new("Contact", true, "Contact person.", "联系人。"),
        new("Mobile", true, "Mobile number for notices.", "通知手机号。"),
        new("MobileAlt", false, "A second mobile number, or empty.", "备用手机号，可空。"),
        new("Account", true, "Account number, unique; a new number opens the account.", "账户号，唯一；新号码即开户。"),
    ]);

    /// <summary>The data sheets in the order they are read and applied.</summary>
    public static readonly IReadOnlyList<TemplateSheet> Sheets = [Shafts, Gateways, Buses, Meters, Tenants];

    /// <summary>Excel's column letter for a zero-based index (0 is A, 26 is AA).</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            letters = (char)('A' + ((i - 1) % 26)) + letters;
        }

        return letters;
    }
}
