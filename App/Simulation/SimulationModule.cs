using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Simulation;

/// <summary>The built-in mall simulator (idle unless <c>Simulator:Enabled</c>): every demo meter served over Modbus on loopback.</summary>
public sealed class SimulationModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulationOptions>()
            .Bind(configuration.GetSection(SimulationOptions.SectionName))
            .Validate(o => o.Validate() is null, "Invalid Simulator section: TimeScale and LoadUpdateSeconds must be positive, BindAddress an IP address.")
            .ValidateOnStart();
        services.AddSingleton<SimulatorHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorHostedService>());
    }
}
