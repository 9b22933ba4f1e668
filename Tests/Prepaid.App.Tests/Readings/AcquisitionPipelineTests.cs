using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Readings;

/// <summary>The demo mall end to end: simulator on loopback, bus pollers, reading processor, live cache, hub notifier.</summary>
public sealed class AcquisitionPipelineTests
{
    [Fact]
    public async Task DemoMall_SimulatorAndAcquisitionOn_EveryMeterBecomesGoodAndNotifies()
    {
        await using var factory = new LiveAppFactory();
        using var _ = factory.CreateClient();
        var cache = factory.Services.GetRequiredService<LiveStateCache>();
        var notifier = factory.Services.GetRequiredService<LiveStateNotifier>();
        var notified = new HashSet<int>();
        using var subscription = notifier.Subscribe(ids =>
        {
            lock (notified)
            {
                notified.UnionWith(ids);
            }

            return Task.CompletedTask;
        });

        // Each poll cycle (5 s here) changes every meter's state, so each one is notified again.
        var states = await Eventually.ValueAsync(() => cache.AllAsync(CancellationToken.None), all =>
        {
            lock (notified)
            {
                return all.Count(s => s.Quality == ValueQuality.Good) == 382 && notified.Count == 382;
            }
        }, "every meter good and notified", TimeSpan.FromSeconds(90));

        Assert.Equal(382, states.Count(s => s.Quality == ValueQuality.Good));
        Assert.Contains(states, s => s.PowerKw > 0);
        // Water valves are open exactly where the stall's meter still holds money (the demo has stalls at zero).
        Assert.All(states.Where(s => s.VolumeM3 is not null), s => Assert.Equal(s.RemainingYuan > 0, s.SupplyOn));
        Assert.Contains(states, s => s.VolumeM3 is not null && s.SupplyOn == false);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        Assert.Equal(382, await db.MeterLiveStates.CountAsync(s => s.Quality == ValueQuality.Good));
        lock (notified)
        {
            Assert.Equal(382, notified.Count);
        }

        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await Support.PrepaidAppFactory.SignInAsync(browser, "electrician", "Demo-Electrician-2026");
        var diagnostics = await browser.GetStringAsync("/diagnostics");
        Assert.Matches("data-testid=\"diag-online\"[^>]*>382<", diagnostics);
        Assert.Contains("data-testid=\"diag-no-problems\"", diagnostics);
    }
}
