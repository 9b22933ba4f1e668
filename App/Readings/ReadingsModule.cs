using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Readings;

/// <summary>Acquisition on the database's topology: the engine's host, the reading pipeline and processor, the
/// communication diagnostics page; it gives the other features the engine (<see cref="IAcquisitionAccess"/>) and the
/// reading intake (<see cref="IReadingIntake"/>).</summary>
public sealed class ReadingsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AcquisitionServiceOptions>()
            .Bind(configuration.GetSection(AcquisitionServiceOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "Acquisition periods must be positive and FullPeriod at least FastPeriod.")
            .ValidateOnStart();
        services.AddSingleton<ReadingProcessor>();
        services.AddSingleton<IReadingIntake>(sp => sp.GetRequiredService<ReadingProcessor>());
        services.AddSingleton<ReadingPipeline>();
        services.AddSingleton<AcquisitionHostedService>();
        services.AddSingleton<IAcquisitionAccess>(sp => sp.GetRequiredService<AcquisitionHostedService>());
        services.AddHostedService(sp => sp.GetRequiredService<AcquisitionHostedService>());
    }
}
