using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Losses;
using Prepaid.App.Demo.History;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Demo;

/// <summary>
/// The demo mall's simulated incomers measure their own transformer's meters plus a few percent of losses, so the
/// loss reconciliation of a day of demo history is plausible per transformer, not only for the whole site.
/// </summary>
public sealed class DemoLossTests
{
    [Fact]
    public async Task DailyAsync_DayOfDemoHistory_EachTransformerShowsAPlausiblePositiveLoss()
    {
        await using var factory = new PrepaidAppFactory();
        await using var app = DemoHistoryHost.Create(factory);
        var services = app.Services;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var from = DemoHistory.StartFor(now, 0).AddMinutes(30);
        await services.GetRequiredService<DemoHistory>().RunAsync(from, from.AddDays(1), CancellationToken.None);

        await using var db = await services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var zone = await SiteTime.FirstSiteZoneAsync(db, CancellationToken.None);
        var siteId = await db.Sites.Select(s => s.Id).SingleAsync();
        var day = SiteTime.Today(from, zone);
        var rows = await new LossReconciliationQuery(services.GetRequiredService<IDbContextFactory<PrepaidDb>>())
            .DailyAsync(siteId, day, day, CancellationToken.None);

        var transformers = rows.Where(r => r.TransformerId is not null).ToList();
        Assert.Equal(2, transformers.Count);
        Assert.All(transformers, r =>
        {
            Assert.True(r.IncomerKwh > 100m, $"{r.Scope}: incomer {r.IncomerKwh} kWh");
            Assert.True(r.LossPercent is > 0m and < 20m, $"{r.Scope}: loss {r.LossPercent} %");
        });
        Assert.True(Math.Abs(transformers[0].LossPercent!.Value - transformers[1].LossPercent!.Value) < 3m,
            $"same loss factor on both transformers: {transformers[0].LossPercent} % and {transformers[1].LossPercent} %");
    }
}
