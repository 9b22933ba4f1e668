using Prepaid.App.Configuration.Import;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Security;

namespace Prepaid.App.Configuration;

/// <summary><c>GET /configuration/template</c> and <c>GET /configuration/export</c>: the workbook, empty or with the stored configuration.</summary>
public static class ConfigurationEndpoints
{
    public static IEndpointRouteBuilder MapConfigurationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/configuration/template", async (HttpContext http, ConfigurationExporter exporter, CancellationToken ct) =>
        {
            var stream = new MemoryStream();
            await exporter.WriteTemplateAsync(http.User, stream, ct);
            stream.Position = 0;
            return Results.File(stream, ConfigurationExporter.ContentType, "prepaid-configuration-template.xlsx");
        }).RequireAuthorization(PermissionPolicies.For(Permission.ViewConfiguration));
        endpoints.MapGet("/configuration/export", async (HttpContext http, ConfigurationExporter exporter, TimeProvider time, CancellationToken ct) =>
        {
            var stream = new MemoryStream();
            await exporter.WriteConfigurationAsync(http.User, stream, ct);
            stream.Position = 0;
            var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
            return Results.File(stream, ConfigurationExporter.ContentType, $"prepaid-configuration-{stamp}.xlsx");
        }).RequireAuthorization(PermissionPolicies.For(Permission.ViewConfiguration));
        return endpoints;
    }
}
