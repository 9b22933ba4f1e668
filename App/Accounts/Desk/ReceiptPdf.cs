using Microsoft.Extensions.Localization;
using Prepaid.App.Kernel.Pdf;
namespace Prepaid.App.Accounts.Desk;

/// <summary>The receipt as a PDF through the reports' layout layer: site name and title in the page header, the
/// receipt's items as a two-column table, room to sign, Chinese text in the embedded font.</summary>
public static class ReceiptPdf
{
    public static byte[] Render(ReceiptView r, IStringLocalizer l)
    {
        var model = new PdfReportModel
        {
            SiteName = r.SiteName,
            Title = l["Cashier.Receipt.Title"],
            Period = $"{l["Cashier.Receipt.Number"]} {r.Number}",
            Generated = l["Cashier.Receipt.Issued", r.IssuedAtSiteTime, r.Cashier],
            PageFormat = l["Cashier.Receipt.PageFormat"],
        };
        var table = new PdfTable(null, [new PdfColumn(l["Cashier.Receipt.Item"], 1), new PdfColumn(l["Cashier.Receipt.Value"], 2)]);
        foreach (var (key, value) in ReceiptHtml.Rows(r, l))
        {
            table.AddRow(l[key].Value, value);
        }

        table.AddTotalRow(l["Cashier.Receipt.CashierSignature"].Value, l["Cashier.Receipt.PayerSignature"].Value);
        model.Tables.Add(table);
        return PdfTableRenderer.Render(model);
    }
}
