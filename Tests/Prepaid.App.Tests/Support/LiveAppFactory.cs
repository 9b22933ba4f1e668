using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Readings;
using Prepaid.App.Simulation;
namespace Prepaid.App.Tests.Support;

/// <summary>The demo mall with its simulator and the acquisition running, on loopback ports of its own.</summary>
public sealed class LiveAppFactory(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    /// <summary>Prepaid control (platform billing, relay policy, meter billing) on, for the tests of those services;
    /// other live tests run without them so that no policy command or settings push mixes into their journal.</summary>
    public static readonly IReadOnlyDictionary<string, string> WithPrepaidControl = new Dictionary<string, string>
    {
        ["PlatformBilling:Enabled"] = "true",
        ["RelayPolicy:Enabled"] = "true",
        ["MeterBilling:Enabled"] = "true",
    };

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));

    // Each host of this process gets its own block of 100 ports in 21000-25999 (the browser tests use 26000-30999),
    // below Linux's ephemeral range so that no outgoing connection holds them, kept until the host is disposed.
    // PREPAID_TEST_PORT_BASE and PREPAID_TEST_PORT_BLOCKS move the range, so that test runs of several working copies
    // can share a machine.
    private static readonly int PortBase = EnvironmentInt("PREPAID_TEST_PORT_BASE", 21000);
    private static readonly int PortBlocks = EnvironmentInt("PREPAID_TEST_PORT_BLOCKS", 50);
    private readonly int _firstPort = PortBlockPool.Take(PortBase, PortBlocks);

    internal static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        TestDatabase.CopyMigratedInto(_dataFolder);
        builder.UseSetting("Database:DataDirectory", _dataFolder);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:HistoryDays", "0");
        builder.UseSetting("Demo:FirstPort", _firstPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Simulator:Enabled", "true");
        builder.UseSetting("Acquisition:Enabled", "true");
        builder.UseSetting("Acquisition:FastPeriod", "00:00:05");
        builder.UseSetting("Acquisition:FullPeriod", "00:00:30");
        builder.UseSetting("Scheduling:Enabled", "false");
        // The tests sign in many times from one address; SignInThrottleTests sets a low limit of its own.
        builder.UseSetting("Security:SignInThrottle:PermitLimit", "100000");
        builder.UseSetting("PlatformBilling:Enabled", "false");
        builder.UseSetting("RelayPolicy:Enabled", "false");
        builder.UseSetting("MeterBilling:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>Starts the host and waits until the pollers have their buses.</summary>
    public async Task<(AcquisitionHostedService Acquisition, MallSimulator Simulator)> StartLiveAsync() => await StartLiveAsync(this);

    /// <summary>Starts <paramref name="factory"/> (this factory or one derived from it with <c>WithWebHostBuilder</c>) and
    /// waits until the simulator serves and the pollers have their buses.</summary>
    public static async Task<(AcquisitionHostedService Acquisition, MallSimulator Simulator)> StartLiveAsync(WebApplicationFactory<Program> factory)
    {
        using var _ = factory.CreateClient();
        var simulator = await factory.Services.GetRequiredService<SimulatorHostedService>().Started
            ?? throw new InvalidOperationException("The simulator did not start.");
        var acquisition = factory.Services.GetRequiredService<AcquisitionHostedService>();
        await Eventually.HoldsAsync(() => acquisition.Engine is { } engine && engine.GetSnapshot().Gateways.Count > 0, "the acquisition engine to start its buses");
        return (acquisition, simulator);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        PortBlockPool.Release(_firstPort);
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
