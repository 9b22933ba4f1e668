using Bunit;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Billing.Pages;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.MeterBilling;

public sealed class ReconciliationPageTests
{
    private static async Task<TestDatabase> WithDiscrepancyAsync()
    {
        var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();
        var meter = await db.Meters.Where(m => m.BillingMode == BillingMode.Meter && m.AccountId != null).OrderBy(m => m.Id).FirstAsync();
        db.ReconciliationSnapshots.Add(new ReconciliationSnapshot { MeterId = meter.Id, RunDate = new DateOnly(2026, 11, 20), ReadAt = TestTime.DefaultStart, RemainingYuan = 150m, PurchaseCount = 6 });
        db.ReconciliationDiscrepancies.Add(new ReconciliationDiscrepancy
        {
            RunDate = new DateOnly(2026, 11, 20), MeterId = meter.Id, AccountId = meter.AccountId, Kind = DiscrepancyKind.PurchaseCount,
            Expected = 5m, Reported = 6m, Detail = "The meter's purchase count is 6; the platform's last confirmed purchase left it at 5.", FoundAt = TestTime.DefaultStart,
        });
        await db.SaveChangesAsync();
        return database;
    }

    [Fact]
    public async Task Render_RunWithADiscrepancy_ListsItWithExpectedAndReported()
    {
        await using var database = await WithDiscrepancyAsync();
        await using var ctx = ComponentTestContext.Create("en", database);

        var cut = ctx.Render<ReconciliationPage>();

        cut.WaitForAssertion(() => Assert.Equal("1 meters compared, 1 discrepancies", cut.Find("[data-testid=recon-summary]").TextContent), TimeSpan.FromSeconds(10));
        var row = Assert.Single(cut.FindAll("[data-testid=recon-table] tbody tr"));
        Assert.Contains("Purchase count", row.TextContent);
        Assert.Contains("last confirmed purchase left it at 5", row.TextContent);
    }

    [Fact]
    public async Task Render_ChineseWithoutRuns_SaysSo()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("zh-CN", database);

        var cut = ctx.Render<ReconciliationPage>();

        cut.WaitForAssertion(() => Assert.Equal("尚未进行对账。", cut.Find("[data-testid=recon-none]").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }
}
