using Prepaid.App.Demo.History;
using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Demo;

/// <summary>
/// The demo mall, its users and its history, plugged into the start through startup tasks and the start gate.
/// Production code never references the demo; with <c>Demo:Enabled</c> off its tasks only check that no
/// published secret is configured in Production.
/// </summary>
public sealed class DemoModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DemoHistory>();
        services.AddSingleton<DemoStart>();
        services.AddSingleton<IStartupTask, DemoStartGuard>();
        services.AddSingleton<IStartupTask, DemoSeedTask>();
        services.AddSingleton<IStartupTask, DemoUsersTask>();
        services.AddSingleton<IStartupTask, DemoHistoryTask>();
    }
}
