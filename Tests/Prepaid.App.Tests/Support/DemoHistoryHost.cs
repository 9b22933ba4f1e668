using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Prepaid.App.Tests.Support;

/// <summary>
/// A host to run the demo history in, as the start-up does behind its gate: the live loops that write (platform
/// billing, relay policy, meter billing, the alarm engine with its sources) stay off, so only the history's own
/// services, on its clock, write; the live alarm engine would otherwise read the same events as the history's.
/// </summary>
internal static class DemoHistoryHost
{
    public static WebApplicationFactory<Program> Create(PrepaidAppFactory factory, TimeProvider? clock = null) =>
        factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("PlatformBilling:Enabled", "false");
            b.UseSetting("RelayPolicy:Enabled", "false");
            b.UseSetting("MeterBilling:Enabled", "false");
            b.UseSetting("FeeArrears:Enabled", "false");
            b.UseSetting("Alarms:Enabled", "false");
            if (clock is not null)
            {
                b.ConfigureTestServices(s => s.AddSingleton(clock));
            }
        });
}
