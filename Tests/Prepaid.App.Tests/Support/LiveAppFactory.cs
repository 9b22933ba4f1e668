using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Readings;
using Prepaid.App.Simulation;

namespace Prepaid.App.Tests.Support;

/// <summary>The demo mall with its simulator and the acquisition running, on loopback ports of its own.</summary>
public sealed class LiveAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataDirectory", _dataFolder);
        builder.UseSetting("Demo:Enabled", "true");
        // Ports of its own so that it never meets a developer's running demo (15100+) or another test host.
        builder.UseSetting("Demo:FirstPort", (41000 + (Random.Shared.Next(0, 150) * 100)).ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Simulator:Enabled", "true");
        builder.UseSetting("Acquisition:Enabled", "true");
        builder.UseSetting("Acquisition:FastPeriod", "00:00:05");
        builder.UseSetting("Acquisition:FullPeriod", "00:00:30");
    }

    /// <summary>Starts the host and waits until the pollers have their buses.</summary>
    public async Task<(AcquisitionHostedService Acquisition, MallSimulator Simulator)> StartLiveAsync()
    {
        using var _ = CreateClient();
        var simulator = await Services.GetRequiredService<SimulatorHostedService>().Started
            ?? throw new InvalidOperationException("The simulator did not start.");
        var acquisition = Services.GetRequiredService<AcquisitionHostedService>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (acquisition.Engine is not { } engine || engine.GetSnapshot().Gateways.Count == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The acquisition engine did not start its buses.");
            }

            await Task.Delay(100);
        }

        return (acquisition, simulator);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
