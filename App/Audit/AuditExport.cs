using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Audit;

/// <summary><c>GET /audit/export</c>: the filtered audit log as XLSX, headers in the user's language, times in site time.</summary>
public static class AuditExport
{
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audit/export", ExportAsync).RequireAuthorization(PermissionPolicies.For(Permission.ViewAuditLog));
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        [FromQuery] string? user, [FromQuery] AuditKind? kind, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to,
        HttpContext http, AuditQuery query, IStringLocalizer<Strings> l, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && t < f)
        {
            return Results.BadRequest(l["Audit.Error.Period"].Value);
        }

        IReadOnlyList<AuditEntry> rows;
        try
        {
            rows = await query.GetForExportAsync(http.User, new AuditFilter(user, kind, from, to), cancellationToken);
        }
        catch (AuditExportTooLargeException ex)
        {
            return Results.BadRequest(l["Audit.Error.TooLarge", ex.Rows, AuditQuery.MaxExportRows].Value);
        }

        var zone = await query.SiteZoneAsync(cancellationToken);
        var sheet = rows.Select(a => new Dictionary<string, object?>
        {
            [l["Audit.Col.Time"]] = SiteTime.Format(a.At, zone),
            [l["Audit.Col.User"]] = a.UserName,
            [l["Audit.Col.Address"]] = a.Address,
            [l["Audit.Col.Kind"]] = l["AuditKind." + a.Kind].Value,
            [l["Audit.Col.Action"]] = a.Action,
            [l["Audit.Col.Target"]] = a.Target,
            [l["Audit.Col.Before"]] = a.Before,
            [l["Audit.Col.After"]] = a.After,
        });
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "Audit", cancellationToken: cancellationToken);
        stream.Position = 0;
        var name = $"audit-{from?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "start"}-{to?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "now"}.xlsx";
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
