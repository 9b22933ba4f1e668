using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Ledger;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Metering;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>Recharge planning and the start-up scan, the settings push and the nightly reconciliation, on in-process simulated meters.</summary>
public sealed class MeterBillingTests
{
    private sealed class Alarms : IOperatorAlarmSink
    {
        public List<OperatorAlarmRaised> Raised { get; } = [];

        public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
        {
            Raised.Add(alarm);
            return Task.CompletedTask;
        }
    }

    private sealed record Bed(BillingWorld World, InProcessMeterBus Bus, Alarms Alarms, MeterCommandRunner Runner, IOptions<MeterBillingOptions> Options) : IAsyncDisposable
    {
        public RechargeDeliveryService Deliveries() =>
            new(World.Database, World.Ledger, Runner, new BusSubmitter(Bus), Alarms, Options, World.Clock, NullLogger<RechargeDeliveryService>.Instance);

        public MeterSettingsPusher Pusher() => new(World.Database, Runner, new BusSubmitter(Bus), Options, World.Clock, NullLogger<MeterSettingsPusher>.Instance);

        public MeterReconciler Reconciler() => new(World.Database, Alarms, Options, World.Clock);

        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    private static async Task<Bed> CreateAsync(MeterBillingOptions? options = null)
    {
        var world = await BillingWorld.CreateAsync();
        var bus = new InProcessMeterBus(world.Clock, new Random(1), new FaultCounts());
        return new Bed(world, bus, new Alarms(), new MeterCommandRunner(world.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), world.Clock, NullLogger<MeterCommandRunner>.Instance),
            Microsoft.Extensions.Options.Options.Create(options ?? new MeterBillingOptions()));
    }

    private static SimulatedMeter Twin(Bed bed, Meter meter, decimal balance = 0m, MeterPrices? prices = null)
    {
        var settings = new SimulatedMeterSettings { Profile = meter.Profile, InitialBalance = balance, AlarmAmount1 = 0m, AlarmAmount2 = 0m };
        settings = prices is null ? settings : settings with { Prices = prices };
        SimulatedMeter sim = meter.Kind == MeterKind.Water ? new SimulatedWaterMeter(settings, bed.World.Clock) : new SimulatedElectricityMeter(settings, bed.World.Clock);
        bed.Bus.Add(meter.Id, sim);
        return sim;
    }

    [Fact]
    public async Task Scan_RechargeNeverNotified_IsSplitByConsumptionAndDeliveredOnce()
    {
        await using var bed = await CreateAsync();
        var now = bed.World.Clock.GetUtcNow();
        Meter electricity, water;
        int accountId;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            var flat = await bed.World.AddTariffAsync(db, TariffPlanExamples.FlatElectricity2026());
            var waterTariff = await bed.World.AddTariffAsync(db, TariffPlanExamples.WaterTiered2026());
            (_, accountId) = await bed.World.AddAccountAsync(db, "S1");
            electricity = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, flat);
            water = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidWater, BillingMode.Meter, waterTariff);
            // Last 30 days: 300 kWh x 0.85 = 255.00 yuan; 10 m3 x 4.20 = 42.00 yuan. Water share 42 / 297 = 0.14141414...
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = electricity.Id, IntervalStart = now.AddDays(-3), Total = 300m });
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = water.Id, IntervalStart = now.AddDays(-3), Total = 10m });
            await db.SaveChangesAsync();
        }

        var e = Twin(bed, electricity, 10m);
        var w = Twin(bed, water, 5m);
        await bed.World.RechargeAsync(accountId, 500m, "order:S1-1");
        await bed.World.RechargeAsync(accountId, 100m, "order:S1-2");
        await bed.World.Ledger.ReverseAsync("order:S1-2", "manager", "Paid twice by mistake", default);

        var delivered = await bed.Deliveries().ScanAsync(default);
        var again = await bed.Deliveries().ScanAsync(default);

        // Water = floor(500 x 0.14141414 to the fen) = 70.70; electricity takes the rest, 429.30. The reversed recharge goes nowhere.
        Assert.Equal((2, 0), (delivered, again));
        Assert.Equal((10m + 429.30m, 1), (e.Remaining, e.PurchaseCount));
        Assert.Equal((5m + 70.70m, 1), (w.Remaining, w.PurchaseCount));
        await using var check = bed.World.Database.CreateDbContext();
        var parts = await check.RechargeDeliveries.AsNoTracking().OrderBy(p => p.MeterId).ToListAsync();
        Assert.Equal([nameof(RechargeSplitBasis.ConsumptionShare), nameof(RechargeSplitBasis.ConsumptionShare)], parts.Select(p => p.SplitBasis));
        Assert.All(parts, p => Assert.Equal(("order:S1-1", RechargeDeliveryState.Delivered), (p.LedgerKey, p.State)));
        Assert.All(await check.MeterCommands.AsNoTracking().ToListAsync(), c => Assert.Equal(RechargeDeliveryService.RequestedBy, c.RequestedBy));
    }

    [Fact]
    public async Task Plan_AccountOwesFees_SettlesThemFirstLiftsTheStalledMeterAndSendsTheRest()
    {
        await using var bed = await CreateAsync();
        var now = bed.World.Clock.GetUtcNow();
        Meter electricity, water;
        int accountId;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            var flat = await bed.World.AddTariffAsync(db, TariffPlanExamples.FlatElectricity2026());
            var waterTariff = await bed.World.AddTariffAsync(db, TariffPlanExamples.WaterTiered2026());
            (_, accountId) = await bed.World.AddAccountAsync(db, "S42", a => a.AlarmAmount1 = 100m);
            electricity = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, flat);
            water = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidWater, BillingMode.Meter, waterTariff);
            // Last 30 days: 10 kWh x 0.85 = 8.50 yuan of electricity (it was off), 18 m3 x 4.20 = 75.60 of water.
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = electricity.Id, IntervalStart = now.AddDays(-3), Total = 10m });
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = water.Id, IntervalStart = now.AddDays(-3), Total = 18m });
            db.MeterLiveStates.Add(new MeterLiveState { MeterId = electricity.Id, RemainingYuan = 11.58m, UpdatedAt = now, LastGoodAt = now });
            db.MeterLiveStates.Add(new MeterLiveState { MeterId = water.Id, RemainingYuan = 200m, UpdatedAt = now, LastGoodAt = now });
            await db.SaveChangesAsync();
        }

        await bed.World.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.PropertyFee, -120m, "fee:S42:2026-11", "property-fee"), default);
        await bed.World.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.PublicAreaShare, -36.82m, "share:S42:2026-11", "sharing"), default);
        var e = Twin(bed, electricity, 11.58m);
        var w = Twin(bed, water, 200m);
        var paid = await bed.World.RechargeAsync(accountId, 500m, "order:S42-1");

        var parts = await bed.Deliveries().PlanAsync(paid.Id, default);
        var replanned = await bed.Deliveries().PlanAsync(paid.Id, default);
        await bed.Deliveries().ScanAsync(default);

        // 156.82 settles the fee and the share, oldest first; 343.18 goes to the meters. Electricity (11.58) lacks 88.42
        // to alarm amount 1; the other 254.76 goes by consumption (water 75.60 / 84.10 = 0.8989..., 229.01 after flooring).
        await using var check = bed.World.Database.CreateDbContext();
        var settled = await check.PaymentSettlements.AsNoTracking().Where(x => x.PaymentEntryId == paid.Id).OrderBy(x => x.Id).ToListAsync();
        Assert.Equal([("fee:S42:2026-11", 120m), ("share:S42:2026-11", 36.82m)], settled.Select(x => (x.ChargeKey!, x.Amount)));
        Assert.Equal([(electricity.Id, 114.17m), (water.Id, 229.01m)], parts.OrderBy(p => p.MeterId).Select(p => (p.MeterId, p.Amount)));
        Assert.Equal(parts.Select(p => p.Id).Order(), replanned.Select(p => p.Id).Order());
        Assert.Equal((11.58m + 114.17m, 200m + 229.01m), (e.Remaining, w.Remaining));
        Assert.Equal(0m, await bed.World.Ledger.BalanceAsync(accountId, default));
        Assert.Equal(-343.18m, await check.LedgerEntries.Where(x => x.Kind == LedgerEntryKind.MeterPurchase).SumAsync(x => x.Amount));
    }

    [Theory]
    [InlineData("en", "Paid towards", "Sent to meter", "Kept in the account (not in meters)")]
    [InlineData("zh-CN", "抵扣欠费", "充入表计", "账户留存（未充入表计）")]
    public async Task Desk_RechargeForAnAccountOwingFees_ReceiptPrintsWhereEveryFenWent(string culture, string toOwed, string toMeter, string held)
    {
        await using var bed = await CreateAsync();
        int accountId;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            (_, accountId) = await bed.World.AddAccountAsync(db, "S44");
            await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, configure: m => m.Name = "E-S44");
            await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidWater, BillingMode.Meter, configure: m => m.Name = "W-S44");
        }

        await bed.World.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.PropertyFee, -156.82m, "fee:S44:2026-11", "property-fee",
            CauseType: Prepaid.App.Accounts.LedgerDescriptions.PropertyFeeCauseType, CauseId: "2026-11"), default);
        var desk = new Prepaid.App.Accounts.Desk.RechargeService(bed.World.Database, bed.World.Ledger, new Prepaid.App.Accounts.Desk.ReceiptBook(),
            new Prepaid.App.Kernel.Security.AuditLog(bed.World.Database, bed.World.Clock), bed.World.Clock, [new PaymentPlanner(bed.Deliveries(), bed.World.Database)],
            NullLogger<Prepaid.App.Accounts.Desk.RechargeService>.Instance);
        var preview = (await new PaymentPlanner(bed.Deliveries(), bed.World.Database).PreviewAsync(accountId, 500m, default))!;
        Assert.Equal((156.82m, 343.18m), (preview.ToOwed, preview.ToMeters));
        Assert.Equal([("E-S44", 171.59m), ("W-S44", 171.59m)], preview.Parts.Select(p => (p.MeterName, p.Amount)));
        Assert.Equal("fee:S44:2026-11", Assert.Single(preview.Settlements).Charge!.IdempotencyKey);

        var outcome = await desk.RechargeAsync(Prepaid.App.Tests.Accounts.Desk.CashierTestBed.Cashier, accountId, 500m, PaymentMethod.Cash, "S44-order", "127.0.0.1", default);
        var view = (await new Prepaid.App.Accounts.Desk.ReceiptQuery(bed.World.Database).FindAsync(outcome.Receipt.Number, default))!;
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try
        {
            var rows = Prepaid.App.Accounts.Desk.ReceiptHtml.Rows(view, Localizer());

            // No history: the 343.18 left after the fee is halved, water rounded down (171.59 each).
            var lines = rows.Select(r => r.Value).ToList();
            Assert.Contains(lines, v => v.Contains("2026-11", StringComparison.Ordinal) && v.EndsWith("¥ 156.82", StringComparison.Ordinal));
            Assert.Contains(lines, v => v.StartsWith("E-S44", StringComparison.Ordinal) && v.Contains("¥ 171.59", StringComparison.Ordinal));
            Assert.Contains(lines, v => v.StartsWith("W-S44", StringComparison.Ordinal) && v.Contains("¥ 171.59", StringComparison.Ordinal));
            var labels = rows.Select(r => Localizer()[r.Key].Value).ToList();
            Assert.Equal(1, labels.Count(x => x == toOwed));
            Assert.Equal(2, labels.Count(x => x == toMeter));
            Assert.Contains(held, labels);
            Assert.Equal("¥ 0.00", rows.Single(r => r.Key == "Cashier.Receipt.HeldAfter").Value);
            Assert.DoesNotContain(rows, r => r.Key == "Cashier.Receipt.BalanceAfter");
            Assert.Equal(500m, view.Settlements.Sum(x => x.Amount) + view.MeterParts.Sum(x => x.Amount));

            // The printed receipt says the same: read back from the PDF.
            var pdf = Prepaid.App.Accounts.Desk.ReceiptPdf.Render(view, Localizer());
            Prepaid.App.Tests.Support.PdfSamples.Save($"receipt-split-{culture}.pdf", pdf);
            using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
            var text = string.Concat(document.GetPage(1).Text.Where(c => !char.IsWhiteSpace(c)));
            Assert.Contains(string.Concat(toOwed.Where(c => !char.IsWhiteSpace(c))), text, StringComparison.Ordinal);
            Assert.Contains("¥156.82", text, StringComparison.Ordinal);
            Assert.Contains("E-S44", text, StringComparison.Ordinal);
            Assert.Contains("W-S44", text, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer Localizer() =>
        new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()), NullLoggerFactory.Instance)
            .Create(typeof(Prepaid.App.Kernel.Localization.Strings));

    [Fact]
    public async Task Backfill_PartsWrittenBeforePurchasesExisted_GetOnePurchaseEachOnce()
    {
        await using var bed = await CreateAsync();
        int accountId;
        Meter meter;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            (_, accountId) = await bed.World.AddAccountAsync(db, "S45");
            meter = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
        }

        var paid = await bed.World.RechargeAsync(accountId, 80m, "order:S45-1");
        var cancelled = await bed.World.RechargeAsync(accountId, 20m, "order:S45-2");
        await using (var db = bed.World.Database.CreateDbContext())
        {
            // As an older version left them: parts, and no purchase in the ledger.
            db.RechargeDeliveries.Add(new RechargeDelivery { LedgerEntryId = paid.Id, LedgerKey = paid.IdempotencyKey, AccountId = accountId, MeterId = meter.Id,
                Amount = 80m, SplitBasis = "SingleMeter", State = RechargeDeliveryState.Delivered, CreatedAt = paid.OccurredAt });
            db.RechargeDeliveries.Add(new RechargeDelivery { LedgerEntryId = cancelled.Id, LedgerKey = cancelled.IdempotencyKey, AccountId = accountId, MeterId = meter.Id,
                Amount = 20m, SplitBasis = "SingleMeter", State = RechargeDeliveryState.Cancelled, CreatedAt = cancelled.OccurredAt });
            await db.SaveChangesAsync();
        }

        var backfill = new MeterPurchaseBackfill(bed.World.Database, bed.World.Ledger, NullLogger<MeterPurchaseBackfill>.Instance);
        await backfill.RunAsync(default);
        await backfill.RunAsync(default);

        await using var check = bed.World.Database.CreateDbContext();
        var purchase = Assert.Single(await check.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.MeterPurchase).ToListAsync());
        Assert.Equal((MeterPurchases.KeyFor("order:S45-1", meter.Id), -80m), (purchase.IdempotencyKey, purchase.Amount));
        Assert.Equal(20m, await bed.World.Ledger.BalanceAsync(accountId, default));
    }

    [Fact]
    public async Task Plan_PaymentSmallerThanTheDebt_AllSettlesNothingIsSentAndTheScanDoesNotReplanIt()
    {
        await using var bed = await CreateAsync();
        int accountId;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            (_, accountId) = await bed.World.AddAccountAsync(db, "S43");
            await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
        }

        await bed.World.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.PropertyFee, -300m, "fee:S43:2026-11", "property-fee"), default);
        var paid = await bed.World.RechargeAsync(accountId, 100m, "order:S43-1");

        var delivered = await bed.Deliveries().ScanAsync(default);
        var again = await bed.Deliveries().ScanAsync(default);

        await using var check = bed.World.Database.CreateDbContext();
        Assert.Equal((0, 0), (delivered, again));
        Assert.Empty(await check.RechargeDeliveries.ToListAsync());
        Assert.Equal(100m, Assert.Single(await check.PaymentSettlements.Where(x => x.PaymentEntryId == paid.Id).ToListAsync()).Amount);
        Assert.Equal(-200m, await bed.World.Ledger.BalanceAsync(accountId, default));
    }

    [Fact]
    public async Task Deliver_MeterShowsAnotherCount_HandsThePartToAnOperatorAndHoldsLaterOnes()
    {
        await using var bed = await CreateAsync();
        Meter meter;
        int accountId;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            (_, accountId) = await bed.World.AddAccountAsync(db, "S2");
            meter = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
        }

        var sim = (SimulatedElectricityMeter)Twin(bed, meter, 0m);
        var first = await bed.World.RechargeAsync(accountId, 50m, "order:S2-1");
        var service = bed.Deliveries();
        await service.PlanAsync(first.Id, default);
        await using (var db = bed.World.Database.CreateDbContext())
        {
            // A previous run persisted "expect count 1" and stopped; meanwhile someone else's purchase took the meter to 2.
            var part = await db.RechargeDeliveries.SingleAsync();
            var command = new MeterCommand
            {
                MeterId = meter.Id, Kind = MeterCommandKind.DeliverPurchase, State = MeterCommandState.Sent, RequestedAt = bed.World.Clock.GetUtcNow(),
                RequestedBy = RechargeDeliveryService.RequestedBy, Reason = "test",
                PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(50m, new PurchaseIntent(1, 50m, 0m))),
            };
            db.MeterCommands.Add(command);
            await db.SaveChangesAsync();
            part.MeterCommandId = command.Id;
            await db.SaveChangesAsync();
        }

        await bed.Bus.SubmitAsync(new AcquisitionCommand(meter.Id, new DeliverPurchaseCommand(7m), "other", "test"));
        await bed.Bus.SubmitAsync(new AcquisitionCommand(meter.Id, new DeliverPurchaseCommand(8m), "other", "test"));
        var second = await bed.World.RechargeAsync(accountId, 30m, "order:S2-2");

        await service.DeliverEntryAsync(second.Id, default);

        await using var check = bed.World.Database.CreateDbContext();
        var parts = await check.RechargeDeliveries.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        Assert.Equal([RechargeDeliveryState.NeedsOperator, RechargeDeliveryState.Pending], parts.Select(p => p.State));
        Assert.Null(parts[1].MeterCommandId);
        Assert.Equal(15m, sim.Remaining);
        Assert.Equal(RechargeDeliveryService.NeedsOperatorAlarmCode, Assert.Single(bed.Alarms.Raised).Code);
    }

    [Fact]
    public async Task Reverse_RechargeAlreadyInTheMeter_IsRefusedButOneNotYetSentIsCancelled()
    {
        await using var bed = await CreateAsync();
        Meter meter;
        int accountId;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            (_, accountId) = await bed.World.AddAccountAsync(db, "S3");
            meter = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
        }

        var sim = Twin(bed, meter, 0m);
        var service = bed.Deliveries();
        var sent = await bed.World.RechargeAsync(accountId, 50m, "order:S3-1");
        await service.DeliverEntryAsync(sent.Id, default);
        var planned = await bed.World.RechargeAsync(accountId, 20m, "order:S3-2");
        await service.PlanAsync(planned.Id, default);
        var balanceBefore = await bed.World.Ledger.BalanceAsync(accountId, default);

        var refused = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.World.Ledger.ReverseAsync("order:S3-1", "manager", "Paid twice", default));
        var balanceAfterRefusal = await bed.World.Ledger.BalanceAsync(accountId, default);
        await bed.World.Ledger.ReverseAsync("order:S3-2", "manager", "Wrong shop", default);
        await service.ScanAsync(default);

        // The ledger holds nothing: each recharge's money went out as a meter purchase when it was planned; the
        // cancelled part's purchase came back and the reversal took it away.
        Assert.Equal(LedgerRule.ReversalOfDeliveredRecharge, refused.Rule);
        Assert.Equal((0m, 0m), (balanceBefore, balanceAfterRefusal));
        Assert.Equal(0m, await bed.World.Ledger.BalanceAsync(accountId, default));
        Assert.Equal(2, await bed.World.Database.CreateDbContext().LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.MeterPurchase));
        Assert.Equal((50m, 1), (sim.Remaining, sim.PurchaseCount));
        await using var check = bed.World.Database.CreateDbContext();
        var parts = await check.RechargeDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        Assert.Equal([RechargeDeliveryState.Delivered, RechargeDeliveryState.Cancelled], parts.Select(p => p.State));
        Assert.Null(parts[1].MeterCommandId);
        Assert.Equal(1, await check.MeterCommands.CountAsync());
    }

    [Fact]
    public async Task Push_NewTariffVersionAndAccountChange_PushesChangedMetersOnceConfirmed()
    {
        await using var bed = await CreateAsync(new MeterBillingOptions { MaxPushesPerBus = 10 });
        Meter meter;
        int tariffId;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            tariffId = await bed.World.AddTariffAsync(db, TariffPlanExamples.CommercialTou2026());
            var (_, accountId) = await bed.World.AddAccountAsync(db, "S3", a => (a.AlarmAmount1, a.AlarmAmount2, a.OverdraftLimit) = (80m, 20m, 10m));
            meter = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, tariffId, m => m.PowerLimitKw = 8m);
        }

        var sim = (SimulatedElectricityMeter)Twin(bed, meter, 100m, new MeterPrices(1m, 1m, 1m, 1m));
        var first = await bed.Pusher().PushDueAsync(default);
        var quiet = await bed.Pusher().PushDueAsync(default);

        Assert.Equal((2, 2, 0), (first.Due, first.Confirmed, first.Failed));
        Assert.Equal(0, quiet.Due);
        Assert.Equal(new MeterPrices(1.38m, 1.15m, 0.75m, 0.35m), sim.Model.Prices);
        Assert.Equal((80m, 20m, 10m), (sim.Model.Balance.AlarmAmount1, sim.Model.Balance.AlarmAmount2, sim.Model.Balance.OverdraftLimit));
        Assert.Equal((true, 8m), (sim.Model.PowerLimitEnabled, sim.Model.PowerLimitKw));

        // A new version valid from today: every meter of the tariff is pushed again, journaled as "meter-settings".
        await using (var db = bed.World.Database.CreateDbContext())
        {
            var today = DateOnly.FromDateTime(bed.World.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            var plan = TariffPlanExamples.CommercialTou2026() with { ValidFrom = today };
            var json = TariffPlanJson.Serialize(plan).Replace("1.15", "1.25", StringComparison.Ordinal);
            db.TariffVersions.Add(new TariffVersion { TariffId = tariffId, ValidFrom = today, PlanJson = json, CreatedAt = bed.World.Clock.GetUtcNow(), CreatedBy = "admin" });
            await db.SaveChangesAsync();
        }

        var afterVersion = await bed.Pusher().PushDueAsync(default);

        Assert.Equal((1, 1), (afterVersion.Due, afterVersion.Confirmed));
        Assert.Equal(1.25m, sim.Model.Prices.Peak);
        await using var check = bed.World.Database.CreateDbContext();
        var commands = await check.MeterCommands.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([MeterCommandKind.PushPrices, MeterCommandKind.PushPowerLimit, MeterCommandKind.PushPrices], commands.Select(c => c.Kind));
        Assert.All(commands, c => Assert.Equal((MeterSettingsPusher.RequestedBy, MeterCommandState.Confirmed), (c.RequestedBy, c.State)));
    }

    [Fact]
    public async Task Reconcile_CountAndRemainingAndEnergyDiffer_StoresEachDiscrepancyOnceAndRaisesAlarms()
    {
        await using var bed = await CreateAsync();
        var clock = bed.World.Clock;
        Meter good, bad;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            var tariffId = await bed.World.AddTariffAsync(db, TariffPlanExamples.CommercialTou2026());
            var (_, a1) = await bed.World.AddAccountAsync(db, "R1");
            var (_, a2) = await bed.World.AddAccountAsync(db, "R2");
            good = await bed.World.AddMeterAsync(db, a1, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, tariffId);
            bad = await bed.World.AddMeterAsync(db, a2, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, tariffId);
            var readAt = clock.GetUtcNow().AddMinutes(-1);
            // Last night both meters held 100.00 yuan at purchase count 4 with 10 kWh flat and 5 kWh valley.
            foreach (var m in new[] { good, bad })
            {
                db.ReconciliationSnapshots.Add(new ReconciliationSnapshot
                {
                    MeterId = m.Id, RunDate = new DateOnly(2026, 11, 19), ReadAt = readAt.AddDays(-1), RemainingYuan = 100m, PurchaseCount = 4,
                    Counter = 15m, SharpKwh = 0m, PeakKwh = 0m, FlatKwh = 10m, ValleyKwh = 5m,
                });
            }

            // Since then: 4 kWh flat (x 0.75 = 3.00) and 2 kWh valley (x 0.35 = 0.70): 100 - 3.70 = 96.30 expected.
            db.MeterLiveStates.Add(new MeterLiveState
            {
                MeterId = good.Id, Quality = ValueQuality.Good, LastGoodAt = readAt, UpdatedAt = readAt, RemainingYuan = 96.30m, PurchaseCount = 4,
                EnergyKwh = 21m, SharpKwh = 0m, PeakKwh = 0m, FlatKwh = 14m, ValleyKwh = 7m,
            });
            db.MeterLiveStates.Add(new MeterLiveState
            {
                MeterId = bad.Id, Quality = ValueQuality.Good, LastGoodAt = readAt, UpdatedAt = readAt, RemainingYuan = 150m, PurchaseCount = 6,
                EnergyKwh = 21m, SharpKwh = 0m, PeakKwh = 0m, FlatKwh = 14m, ValleyKwh = 7m,
            });
            // The platform's last confirmed purchase on the bad meter left its count at 5.
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = bad.Id, Kind = MeterCommandKind.DeliverPurchase, State = MeterCommandState.Confirmed, RequestedAt = readAt.AddDays(-2),
                CompletedAt = readAt.AddDays(-2), RequestedBy = RechargeDeliveryService.RequestedBy, Reason = "test",
                PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(20m, new PurchaseIntent(5, 20m, 80m))),
            });
            // Yesterday (site time) the bad meter's register advanced 6 kWh while the platform recorded 5.
            var midnight = new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.FromHours(8));
            db.FreezeReadings.Add(new FreezeReading { MeterId = bad.Id, Kind = FreezeKind.Daily, Period = new DateOnly(2026, 11, 19), At = midnight, Value = 15m });
            db.FreezeReadings.Add(new FreezeReading { MeterId = bad.Id, Kind = FreezeKind.Daily, Period = new DateOnly(2026, 11, 20), At = midnight.AddDays(1), Value = 21m });
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = bad.Id, IntervalStart = midnight.AddHours(10), Total = 5m });
            await db.SaveChangesAsync();
        }

        var run = await bed.Reconciler().RunAsync(default);
        var again = await bed.Reconciler().RunAsync(default);

        Assert.Equal(new DateOnly(2026, 11, 20), run.RunDate);
        Assert.Equal([DiscrepancyKind.PurchaseCount, DiscrepancyKind.RemainingAmount, DiscrepancyKind.Energy], run.Discrepancies.Select(d => d.Kind));
        Assert.All(run.Discrepancies, d => Assert.Equal(bad.Id, d.MeterId));
        var remaining = run.Discrepancies.Single(d => d.Kind == DiscrepancyKind.RemainingAmount);
        Assert.Equal((96.30m, 150m), (remaining.Expected, remaining.Reported));
        Assert.Equal((5m, 6m), (run.Discrepancies[2].Expected, run.Discrepancies[2].Reported));
        Assert.Equal(3, bed.Alarms.Raised.Count);
        Assert.Equal((0, 2), (again.Meters, again.Skipped));
        await using var check = bed.World.Database.CreateDbContext();
        Assert.Equal(3, await check.ReconciliationDiscrepancies.CountAsync());
        Assert.Equal(2, await check.ReconciliationSnapshots.CountAsync(s => s.RunDate == run.RunDate));
    }

    [Fact]
    public async Task Reconcile_MeterNotReadYet_IsReportedOnceAndComparedWhenItAnswers()
    {
        await using var bed = await CreateAsync();
        Meter meter;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            var (_, accountId) = await bed.World.AddAccountAsync(db, "U1");
            meter = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
        }

        var first = await bed.Reconciler().RunAsync(default);
        var second = await bed.Reconciler().RunAsync(default);
        await using (var db = bed.World.Database.CreateDbContext())
        {
            var now = bed.World.Clock.GetUtcNow();
            db.MeterLiveStates.Add(new MeterLiveState { MeterId = meter.Id, Quality = ValueQuality.Good, LastGoodAt = now, UpdatedAt = now, RemainingYuan = 10m, PurchaseCount = 0 });
            await db.SaveChangesAsync();
        }

        var third = await bed.Reconciler().RunAsync(default);

        Assert.Equal(DiscrepancyKind.Unreadable, Assert.Single(first.Discrepancies).Kind);
        Assert.Empty(second.Discrepancies);
        Assert.Equal((1, 0), (third.Meters, third.Discrepancies.Count));
        Assert.Single(bed.Alarms.Raised);
        await using var check = bed.World.Database.CreateDbContext();
        Assert.Equal(1, await check.ReconciliationSnapshots.CountAsync());
    }
}
