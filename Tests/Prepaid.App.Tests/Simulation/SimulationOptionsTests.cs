using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prepaid.App.Simulation;
namespace Prepaid.App.Tests.Simulation;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void AddSimulator_SectionBound_OptionsAndHostedServiceRegistered()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "true",
            ["Simulator:WireEmulation"] = "true",
            ["Simulator:TimeScale"] = "60",
        }).Build();
        var services = new ServiceCollection();
        new SimulationModule().AddServices(services, configuration);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<SimulationOptions>>().Value;
        Assert.True(options.Enabled);
        Assert.True(options.WireEmulation);
        Assert.Equal(60, options.TimeScale);
        Assert.Contains(services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService));
    }

    [Theory]
    [InlineData(0, 5, "127.0.0.1")]
    [InlineData(1, 0, "127.0.0.1")]
    [InlineData(1, 5, "localhost:80")]
    public void Validate_BadValue_ReportsIt(double scale, double update, string address)
    {
        var options = new SimulationOptions { TimeScale = scale, LoadUpdateSeconds = update, BindAddress = address };
        Assert.NotNull(options.Validate());
    }
}
