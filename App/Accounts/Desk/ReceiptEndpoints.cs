using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Localization;
using Prepaid.Domain.Security;

namespace Prepaid.App.Accounts.Desk;

/// <summary>
/// <c>GET /cashier/receipts/{number}</c>: the printable receipt as a standalone HTML page in the user's language
/// (the amount also in Chinese capitals); <c>?download=true</c> sends it as a PDF file (R20261124-0001.pdf) laid out
/// by the reports' PDF layer with its embedded Chinese font.
/// </summary>
public static class ReceiptEndpoints
{
    public static IEndpointRouteBuilder MapCashierEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/cashier/receipts/{number}", ReceiptAsync).RequireAuthorization(PermissionPolicies.For(Permission.ViewAccounts));
        return endpoints;
    }

    private static async Task<IResult> ReceiptAsync(string number, bool? download, ReceiptQuery query, IStringLocalizer<Strings> l, CancellationToken cancellationToken)
    {
        var receipt = await query.FindAsync(number, cancellationToken);
        if (receipt is null)
        {
            return Results.NotFound(l["Cashier.Receipt.Missing", number].Value);
        }

        return download == true
            ? Results.File(ReceiptPdf.Render(receipt, l), "application/pdf", receipt.Number + ".pdf")
            : Results.Bytes(Encoding.UTF8.GetBytes(ReceiptHtml.Render(receipt, l)), "text/html; charset=utf-8");
    }
}

/// <summary>The receipt as one HTML page sized for an A5 or receipt printer, printed with the browser's own command.</summary>
public static class ReceiptHtml
{
    // The default encoder writes every Chinese character as an entity; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>What a receipt says, label key and value, in print order (shared by the HTML and the PDF).</summary>
    public static IReadOnlyList<(string Key, string Value)> Rows(ReceiptView r, IStringLocalizer l)
    {
        var rows = new List<(string Key, string Value)>
        {
            ("Cashier.Receipt.Number", r.Number),
            ("Cashier.Receipt.Time", r.IssuedAtSiteTime),
            ("Cashier.Receipt.Account", r.AccountNumber),
            ("Cashier.Receipt.Tenant", CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? r.TenantName : $"{r.TenantNameEn} ({r.TenantName})"),
            ("Cashier.Receipt.Unit", r.UnitNumber),
            ("Cashier.Receipt.Amount", Money(r.Amount)),
            ("Cashier.Receipt.AmountInCapitals", r.AmountInCapitals),
            ("Cashier.Receipt.Method", l["Cashier.Method." + r.Method].Value),
        };

        // Where every fen went: the debts first (oldest first), then each meter, then what the account keeps.
        foreach (var s in r.Settlements)
        {
            rows.Add(("Cashier.Receipt.ToOwed", $"{ChargeName(s.Charge, l, r.Zone)}: {Money(s.Amount)}"));
        }

        foreach (var part in r.MeterParts)
        {
            var state = part.State == Prepaid.Domain.Model.RechargeDeliveryState.Delivered ? "" : $" ({l["Cashier.Receipt.PartState." + part.State].Value})";
            rows.Add(("Cashier.Receipt.ToMeter", $"{MeterName(part.MeterName, part.Kind, l)}: {Money(part.Amount)}{state}"));
        }

        if (!r.Planned)
        {
            rows.Add(("Cashier.Receipt.Split", l["Cashier.Receipt.SplitPending"].Value));
        }

        rows.Add(r.BalanceAfter < 0
            ? ("Cashier.Receipt.OwedAfter", Money(-r.BalanceAfter))
            : (r.MeterBilled ? "Cashier.Receipt.HeldAfter" : "Cashier.Receipt.BalanceAfter", Money(r.BalanceAfter)));
        rows.Add(("Cashier.Receipt.Cashier", r.Cashier));
        return rows;
    }

    private static string Money(decimal value) => "¥ " + value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>How a receipt and the desk's preview name a charge a payment settles (null: a debt no charge explains).</summary>
    public static string ChargeName(Prepaid.Domain.Model.LedgerEntry? charge, IStringLocalizer l, TimeZoneInfo zone) =>
        charge is null ? l["Cashier.Receipt.UnnamedDebt"].Value : LedgerDescriptions.Describe(charge, LedgerCauseNames.None, l, zone);

    /// <summary>How a receipt and the desk's preview name a meter that gets a part.</summary>
    public static string MeterName(string name, Prepaid.Domain.Model.MeterKind kind, IStringLocalizer l) => $"{name} ({l["MeterKind." + kind].Value})";

    public static string Render(ReceiptView r, IStringLocalizer l)
    {
        var e = Encoder;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"").Append(e.Encode(CultureInfo.CurrentUICulture.Name)).Append("\"><head><meta charset=\"utf-8\">");
        sb.Append("<title>").Append(e.Encode(r.Number)).Append("</title><style>");
        sb.Append("body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;margin:24px;color:#000}");
        sb.Append(".receipt{max-width:560px;margin:auto;border:1px solid #000;padding:20px}");
        sb.Append("h1{font-size:20px;text-align:center;margin:0 0 4px}h2{font-size:16px;text-align:center;margin:0 0 16px;font-weight:normal}");
        sb.Append("table{width:100%;border-collapse:collapse}th,td{border:1px solid #888;padding:6px 8px;text-align:left;font-size:14px}th{width:38%;background:#f2f2f2}");
        sb.Append(".sign{display:flex;justify-content:space-between;margin-top:28px;font-size:14px}");
        sb.Append("@media print{body{margin:0}.noprint{display:none}.receipt{border:none}}");
        sb.Append("</style></head><body><div class=\"receipt\" data-testid=\"receipt\">");
        sb.Append("<h1 data-testid=\"receipt-site\">").Append(e.Encode(r.SiteName)).Append("</h1>");
        sb.Append("<h2>").Append(e.Encode(l["Cashier.Receipt.Title"])).Append("</h2><table>");
        foreach (var (key, value) in Rows(r, l))
        {
            sb.Append("<tr><th>").Append(e.Encode(l[key])).Append("</th><td data-testid=\"").Append(key.Replace('.', '-').ToLowerInvariant()).Append("\">")
                .Append(e.Encode(value)).Append("</td></tr>");
        }

        sb.Append("</table><div class=\"sign\"><span>").Append(e.Encode(l["Cashier.Receipt.CashierSignature"])).Append("</span><span>")
            .Append(e.Encode(l["Cashier.Receipt.PayerSignature"])).Append("</span></div>");
        // The site's CSP allows no inline script, so printing is the browser's own command.
        sb.Append("<p class=\"noprint\">").Append(e.Encode(l["Cashier.Receipt.PrintHint"])).Append("</p>");
        sb.Append("</div></body></html>");
        return sb.ToString();
    }
}
