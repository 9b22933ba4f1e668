namespace Prepaid.App.Kernel.Hosting;

/// <summary>
/// A feature's one registration point: its services, options, hosted services, jobs and endpoints. A module
/// registers only its own types and consumes the kernel's; it never references a sibling feature, and the result
/// does not depend on the order modules are added in.
/// </summary>
public interface IFeatureModule
{
    /// <summary>Registers the feature's services and options.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the feature's HTTP endpoints (downloads, exports, hubs); pages are found by the router.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
