using Microsoft.Extensions.Options;

namespace Prepaid.App.Simulation;

/// <summary>Registers the built-in mall simulator.</summary>
public static class SimulationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SimulationOptions"/> to section "Simulator" and registers <see cref="SimulatorHostedService"/>
    /// (idle unless <c>Simulator:Enabled</c>). Needs persistence (<c>IDbContextFactory&lt;PrepaidDb&gt;</c>) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulationOptions>()
            .Bind(configuration.GetSection(SimulationOptions.SectionName))
            .Validate(o => o.Validate() is null, "Invalid Simulator section: TimeScale and LoadUpdateSeconds must be positive, BindAddress an IP address.")
            .ValidateOnStart();
        services.AddSingleton<SimulatorHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorHostedService>());
        services.TryAddSingletonTimeProvider();
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
