using Prepaid.App.Kernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

using Prepaid.App.Kernel.Security;
using Prepaid.App.Readings;
using Prepaid.App.Simulation;
using Prepaid.App.Meters.Commands;

namespace Prepaid.App.Tests.Meters;

/// <summary>
/// The meter pages' services for bUnit, as the app registers them, with acquisition and the simulator switched off
/// (commands are refused for want of an engine; nothing is started).
/// </summary>
internal static class MeterOperationsTestServices
{
    public static void Add(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Acquisition:Enabled"] = "false",
            ["Simulator:Enabled"] = "false",
            ["KeepPower:ExpiryEnabled"] = "false",
        }).Build();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddKernel(configuration);
        new Prepaid.App.Simulation.SimulationModule().AddServices(services, configuration);
        new Prepaid.App.Readings.ReadingsModule().AddServices(services, configuration);
        new Prepaid.App.Meters.MetersModule().AddServices(services, configuration);
        services.TryAddSingleton<IHostApplicationLifetime, TestLifetime>();
    }

    private sealed class TestLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication()
        {
        }
    }
}
