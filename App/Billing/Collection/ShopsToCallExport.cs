using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Security;

namespace Prepaid.App.Billing.Collection;

/// <summary><c>GET /billing/shops-to-call/export</c>: the list as XLSX, headers and reasons in the user's language, times in site time.</summary>
public static class ShopsToCallExport
{
    public const string Path = "/billing/shops-to-call/export";

    public static IEndpointRouteBuilder MapShopsToCallExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(PermissionPolicies.For(Permission.ViewAccounts));
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(ShopsToCallQuery query, IDbContextFactory<PrepaidDb> factory, TimeProvider time, IStringLocalizer<Strings> l,
        CancellationToken cancellationToken)
    {
        var rows = await query.ListAsync(cancellationToken);
        TimeZoneInfo zone;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
        }

        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            [l["Billing_Call_Col_Reason"]] = l["Billing_Call_Reason_" + r.Reason].Value,
            [l["Billing_Call_Col_Unit"]] = r.Unit,
            [l["Billing_Call_Col_Account"]] = r.AccountNumber,
            [l["Billing_Call_Col_Tenant"]] = chinese ? r.TenantName : r.TenantNameEn,
            [l["Billing_Call_Col_Contact"]] = r.Contact,
            [l["Billing_Call_Col_Mobile"]] = r.Mobile,
            [l["Billing_Call_Col_Owed"]] = r.Owed,
            [l["Billing_Call_Col_InMeters"]] = r.InMeters,
            [l["Billing_Call_Col_Available"]] = r.Available,
            [l["Billing_Call_Col_Since"]] = SiteTime.Format(r.Since, zone),
            [l["Billing_Call_Col_GraceUntil"]] = SiteTime.Format(r.GraceUntil, zone),
        }).ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "Shops", cancellationToken: cancellationToken);
        stream.Position = 0;
        var name = $"shops-to-call-{TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.xlsx";
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
