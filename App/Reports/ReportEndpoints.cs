using System.Globalization;
using Microsoft.Extensions.Localization;
using Prepaid.App.Identity;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports;

/// <summary><c>GET /reports/files/{id}</c>: a stored report file, for users whose permissions cover its kind.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/files/{id:long}", DownloadAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(long id, HttpContext http, ReportStore store, IStringLocalizer<Strings> l, CancellationToken cancellationToken)
    {
        // The kind decides the permission: finance may fetch sales reports and nothing else. A report the user may not
        // see answers exactly as one that does not exist, so nobody learns which ids exist by trying them.
        var report = await store.FindAsync(id, cancellationToken);
        if (report is null || !http.User.Allows(report.Kind.RequiredPermission()))
        {
            return Results.NotFound(l["Reports.Error.NotFound"].Value);
        }

        var bytes = await store.ReadAsync(report, cancellationToken);
        if (bytes is null)
        {
            return Results.Problem(l["Reports.Error.FileMissing"].Value, statusCode: StatusCodes.Status410Gone);
        }

        var name = string.Create(CultureInfo.InvariantCulture,
            $"{report.Kind}-{report.PeriodStart:yyyyMMdd}-{report.PeriodEnd:yyyyMMdd}-{report.Language}-v{report.Version}{ReportWriters.Extension(report.Format)}");
        return Results.File(bytes, ReportWriters.ContentType(report.Format), name);
    }
}
