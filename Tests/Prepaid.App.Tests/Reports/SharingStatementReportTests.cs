using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Sharing;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

public sealed class SharingStatementReportTests
{
    [Fact]
    public async Task SharingStatement_StoredRun_TotalsInThePdfEqualTheInsertedPartsAndPool()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        await using var db = host.Database.CreateDbContext();
        var tenants = await db.Tenants.OrderBy(t => t.UnitNumber).Take(3).ToListAsync();
        var poolMeters = await db.Meters.Where(m => m.Role == MeterRole.PublicArea).OrderBy(m => m.Id).Take(2).ToListAsync();
        var rule = new SharingRule
        {
            SiteId = tenants[0].SiteId, Name = "Mall lighting", Key = SharingKey.LeasedArea, LossAllowanceRate = 0.02m,
            EffectiveFrom = new DateOnly(2026, 11, 1), UpdatedBy = "test",
        };
        db.SharingRules.Add(rule);
        await db.SaveChangesAsync();
        // Pool 290.00 (meters 255.0000 + 35.0030, rounded to the fen), loss allowance 5.80, net pool 284.20 by areas 120 / 80.5 / 200.
        (decimal Quantity, decimal Amount)[] meters = [(300m, 255.0000m), (41.18m, 35.0030m)];
        (decimal Area, decimal Share, decimal Exact, decimal Amount)[] parts =
            [(120m, 0.29962547m, 85.15355868m, 85.15m), (80.5m, 0.20099875m, 57.12384527m, 57.13m), (200m, 0.49937578m, 141.92259676m, 141.92m)];
        db.SharingRuns.Add(new SharingRun
        {
            RuleId = rule.Id, Month = new DateOnly(2026, 11, 1), StartedAt = Local(2026, 12, 1, 1), CompletedAt = Local(2026, 12, 1, 1), Key = SharingKey.LeasedArea,
            PoolQuantity = meters.Sum(m => m.Quantity), Pool = 290.00m, LossAllowance = 5.80m, NetPool = 284.20m, Allocated = parts.Sum(p => p.Amount), Unallocated = 0m,
            Meters = [.. meters.Select((m, i) => new SharingRunMeter { MeterId = poolMeters[i].Id, Quantity = m.Quantity, Amount = m.Amount })],
            Parts = [.. parts.Select((p, i) => new SharingRunPart
            {
                TenantId = tenants[i].Id, KeyValue = p.Area, Share = p.Share, ExactAmount = p.Exact, Amount = p.Amount,
                IdempotencyKey = $"share:{i}", PostedAt = Local(2026, 12, 1, 1),
            })],
        });
        await db.SaveChangesAsync();
        host.Clock.Advance(Local(2026, 12, 1, 2) - host.Clock.GetUtcNow());

        var stored = await host.Generator.GenerateAsync(ReportKind.SharingStatement, ReportPeriod.Month(2026, 11), "en", "manager", false,
            ReportGenerator.BothFormats, null, CancellationToken.None);
        var pdf = (await host.Store.ReadAsync(stored[0], CancellationToken.None))!;
        var text = ReportPdf.Text(pdf);
        PdfSamples.Save("sharing-en.pdf", pdf);
        var period = stored[0].Period;
        PdfSamples.Save("sharing-zh.pdf", ReportWriters.Write(await host.Generator.BuildAsync(stored[0].Kind, period, "zh-CN", "scheduler", null, CancellationToken.None), ReportFormat.Pdf));

        Assert.Contains("Public-areasharingstatement", text);
        Assert.Contains("Malllighting·2026-11·key:leasedarea(m²)", text);
        Assert.Contains("Period:2026-11-01–2026-11-30", text);
        // Pool meters' total quantity and cost, the tenants' charges, and charges + landlord + loss allowance = pool.
        var charged = parts.Sum(p => p.Amount);
        Assert.Equal(284.20m, charged);
        Assert.Contains("Total" + ReportPdf.Number(meters.Sum(m => m.Quantity)) + ReportPdf.Number(meters.Sum(m => m.Amount)), text);
        Assert.Contains(ReportPdf.Number(parts.Sum(p => p.Area)) + "1.00" + "284.20000071" + ReportPdf.Number(charged), text);
        Assert.Contains("Pool(yuan)" + ReportPdf.Number(charged + 0m + 5.80m), text);
        foreach (var (tenant, part) in tenants.Zip(parts))
        {
            Assert.Contains(tenant.UnitNumber + tenant.NameEn.Replace(" ", "") + ReportPdf.Number(part.Area), text);
        }

        var zh = await host.Generator.BuildAsync(ReportKind.SharingStatement, ReportPeriod.Month(2026, 11), "zh-CN", "manager", null, CancellationToken.None);
        Assert.Equal("公摊分摊明细表", zh.Title);
        Assert.Equal(290.00m, zh.Tables[^2].Totals[^1][5]);
    }

    [Fact]
    public async Task SharingStatement_NoRun_SaysSo()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        var report = await host.Generator.BuildAsync(ReportKind.SharingStatement, ReportPeriod.Month(2026, 11), "en", "manager", null, CancellationToken.None);
        Assert.Empty(report.Tables[0].Rows);
        Assert.Equal("No sharing run in this period", report.Tables[0].EmptyText);
    }
}
