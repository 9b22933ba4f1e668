using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Audit;

/// <summary>The audit log's search page and export.</summary>
public sealed class AuditModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<AuditQuery>();

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAuditExport();
}
