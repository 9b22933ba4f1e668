using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Simulation;

/// <summary>
/// Maps the database's topology (enabled gateways, buses, meters, tenants' business types, account balances and
/// alarm amounts, tariff plans) to a <see cref="SimulationTopology"/>. A meter that has been read before (for example
/// through the demo history) continues from its last good reading: energy per register, a forced trip or keep power
/// (a valve closed by command), and under meter billing its remaining amount and purchase count, as a real meter keeps
/// them in its memory; recharges not yet delivered stay
/// pending in the platform and reach the meter through the purchase protocol, never through the start. A meter never
/// read starts at zero energy and, under meter billing, with its account's balance split evenly between the account's
/// internally controlled prepaid meters; platform-billed meters start at 0.
/// </summary>
public sealed class SimulationTopologyLoader(IDbContextFactory<PrepaidDb> dbFactory, IMeterMemory? memory = null)
{
    private const decimal SinglePhaseMaxKw = 10m;

    /// <summary>Loads the topology; <paramref name="now"/> picks the tariff versions in force.</summary>
    public async Task<SimulationTopology> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var gateways = await db.Gateways.AsNoTracking().Where(g => g.Enabled)
            .Include(g => g.Buses).ThenInclude(b => b.Meters).AsSplitQuery()
            .OrderBy(g => g.Id).ToListAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.TimeZoneId, cancellationToken);
        var accounts = await (from a in db.Accounts.AsNoTracking()
                              join t in db.Tenants.AsNoTracking() on a.TenantId equals t.Id
                              select new { a.Id, a.AlarmAmount1, a.AlarmAmount2, a.OverdraftLimit, t.BusinessType })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var balances = await AccountBalancesAsync(db, cancellationToken);
        var lastRead = await db.MeterLiveStates.AsNoTracking().Where(s => s.LastGoodAt != null).ToDictionaryAsync(s => s.MeterId, cancellationToken);
        var plans = await TariffPlansAsync(db, now, sites, cancellationToken);
        var shaftSupply = await db.Shafts.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.TransformerId, cancellationToken);

        var prepaidMetersPerAccount = gateways.SelectMany(g => g.Buses).SelectMany(b => b.Meters)
            .Where(m => m.AccountId is not null && HoldsBalance(m))
            .GroupBy(m => m.AccountId!.Value).ToDictionary(g => g.Key, g => g.Count());

        SimulatedMeterSpec? Spec(Meter meter, TimeZoneInfo zone)
        {
            if (meter.UnitId is < 1 or > 247)
            {
                return null;
            }

            var account = meter.AccountId is { } id ? accounts.GetValueOrDefault(id) : null;
            var balance = meter.AccountId is { } accountId && HoldsBalance(meter)
                ? decimal.Floor(balances.GetValueOrDefault(accountId) * 100m / prepaidMetersPerAccount[accountId]) / 100m
                : 0m;
            var settings = new SimulatedMeterSettings
            {
                Profile = meter.Profile,
                InternalControl = meter.BillingMode == BillingMode.Meter,
                CtRatio = Math.Max(1, meter.CtRatio),
                PtRatio = Math.Max(1, meter.PtRatio),
                InitialBalance = balance,
                AlarmAmount1 = account?.AlarmAmount1 ?? 0m,
                AlarmAmount2 = account?.AlarmAmount2 ?? 0m,
                OverdraftLimit = account?.OverdraftLimit ?? 0m,
                TimeZone = zone,
                PowerLimitKw = meter.PowerLimitKw,
                PowerLimitSeconds = meter.PowerLimitDurationSeconds,
            };
            if (meter.TariffId is { } tariffId && plans.TryGetValue(tariffId, out var plan))
            {
                settings = settings.WithPlan(plan);
            }

            if (lastRead.TryGetValue(meter.Id, out var last))
            {
                settings = Continue(settings, meter, last);
            }

            var key = meter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (HoldsBalance(meter) && memory?.Load(key) is { } image && image.SavedAt > (last?.LastGoodAt ?? DateTimeOffset.MinValue))
            {
                // A purchase the meter applied after its last reading reached the database (a crash in between): the
                // meter's own memory has it, as a real meter's would.
                settings = settings with { InitialBalance = image.Remaining, InitialPurchaseCount = image.PurchaseCount };
            }

            return new SimulatedMeterSpec(key, (byte)meter.UnitId, settings,
                Load(meter, account?.BusinessType) with { Supply = Supply(meter, shaftSupply) });
        }

        return new SimulationTopology([.. gateways.Select(g =>
        {
            var zone = SiteTime.Zone(sites.GetValueOrDefault(g.SiteId));
            return new SimulatedGatewaySpec(g.Name, g.Host, g.Framing, [.. g.Buses.OrderBy(b => b.PortNumber).Select(b =>
                new SimulatedBusSpec(b.Name, b.TcpPort, b.BaudRate, [.. b.Meters.OrderBy(m => m.UnitId).Select(m => Spec(m, zone)).OfType<SimulatedMeterSpec>()]))]);
        })]);
    }

    private static SimulatedMeterSettings Continue(SimulatedMeterSettings settings, Meter meter, MeterLiveState last)
    {
        if (meter.Kind == MeterKind.Water)
        {
            settings = settings with { InitialEnergy = last.VolumeM3 ?? 0m };
        }
        else if (last.SharpKwh is { } sharp && last.PeakKwh is { } peak && last.FlatKwh is { } flat && last.ValleyKwh is { } valley)
        {
            // The meter floors each register and the total separately, so the registers can sum to a little less than the
            // total it last reported; the difference goes to the largest register, or the total would step back on restart
            // (a negative delta on every meter, an energy alarm each).
            decimal[] byRate = [sharp, peak, flat, valley];
            if (last.EnergyKwh is { } total && total > byRate.Sum())
            {
                var largest = Array.IndexOf(byRate, byRate.Max());
                byRate[largest] += total - byRate.Sum();
            }

            settings = settings with { InitialEnergyByRate = byRate };
        }
        else
        {
            settings = settings with { InitialEnergy = last.EnergyKwh ?? 0m };
        }

        if (HoldsBalance(meter) && last.RemainingYuan is { } remaining && last.PurchaseCount is { } count)
        {
            settings = settings with { InitialBalance = remaining, InitialPurchaseCount = count };
        }

        return ContinueControl(settings, meter, last);
    }

    /// <summary>
    /// A meter keeps a forced trip or keep power (a valve closed by command) through a restart, so the live relay policy
    /// does not find a meter it tripped closed again and trip it a second time. Electricity reports forced control in its
    /// status word, the relay telling which; a water valve that read closed while its balance (or platform billing) would
    /// have kept it open was closed by command.
    /// </summary>
    private static SimulatedMeterSettings ContinueControl(SimulatedMeterSettings settings, Meter meter, MeterLiveState last)
    {
        if (last.SupplyOn is not { } supplyOn)
        {
            return settings;
        }

        if (meter.Kind == MeterKind.Water)
        {
            return settings with { InitialValveClosedByCommand = !supplyOn && (!settings.InternalControl || settings.InitialBalance > 0m) };
        }

        var forced = ((MeterStatusFlags)last.StatusFlags).HasFlag(MeterStatusFlags.ForcedControl);
        return forced ? settings with { InitialForcedControl = supplyOn ? ForcedControl.KeepPower : ForcedControl.Trip } : settings;
    }

    private static MeterLoad Load(Meter meter, BusinessType? business)
    {
        var load = meter.Role switch
        {
            MeterRole.MainIncomer => MeterLoad.MainIncomer,
            MeterRole.PublicArea => MeterLoad.Public(meter.PublicLoad ?? PublicLoadType.Lighting),
            _ when meter.Kind == MeterKind.Water => MeterLoad.TenantWater(business ?? BusinessType.Retail),
            _ => MeterLoad.Tenant(business ?? BusinessType.Retail),
        };

        // A tenant sized for its meter: a single-phase supply carries about 10 kW, and a shop stays under its
        // power limit in normal use (noise peaks at +10 %), so over-power trips come from operators' limits, not the demo.
        var cap = meter.Profile == MeterProfile.PrepaidSinglePhase ? SinglePhaseMaxKw : decimal.MaxValue;
        if (meter.PowerLimitKw is { } limit)
        {
            cap = Math.Min(cap, limit * 0.8m);
        }

        return load.Kind == LoadKind.Tenant && meter.Kind == MeterKind.Electricity && load.RatedDemand > cap ? load with { RatedDemand = cap } : load;
    }


    /// <summary>
    /// The transformer a meter hangs on, the same rule as loss reconciliation: an incomer names its transformer, any
    /// other meter is fed through its shaft's.
    /// </summary>
    private static string? Supply(Meter meter, Dictionary<int, int?> shaftSupply)
    {
        var transformer = meter.Role == MeterRole.MainIncomer
            ? meter.TransformerId
            : meter.ShaftId is { } shaft ? shaftSupply.GetValueOrDefault(shaft) : null;
        return transformer?.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Only internally controlled prepaid meters hold a balance; under platform billing the platform does.</summary>
    private static bool HoldsBalance(Meter meter) =>
        meter.BillingMode == BillingMode.Meter &&
        meter.Profile is MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase or MeterProfile.PrepaidWater;

    private static async Task<Dictionary<int, decimal>> AccountBalancesAsync(PrepaidDb db, CancellationToken cancellationToken)
    {
        // Summed in memory: money is stored through a value converter that SQL SUM must not bypass.
        var entries = await db.LedgerEntries.AsNoTracking().Select(e => new { e.AccountId, e.Amount }).ToListAsync(cancellationToken);
        return entries.GroupBy(e => e.AccountId).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
    }

    private static async Task<Dictionary<int, TariffPlan>> TariffPlansAsync(PrepaidDb db, DateTimeOffset now, Dictionary<int, string> sites,
        CancellationToken cancellationToken)
    {
        var tariffs = await db.Tariffs.AsNoTracking().Include(t => t.Versions).ToListAsync(cancellationToken);
        var plans = new Dictionary<int, TariffPlan>();
        foreach (var tariff in tariffs)
        {
            var today = SiteTime.Today(now, SiteTime.Zone(sites.GetValueOrDefault(tariff.SiteId)));
            var version = tariff.Versions.Where(v => v.ValidFrom <= today).MaxBy(v => v.ValidFrom)
                ?? tariff.Versions.MinBy(v => v.ValidFrom);
            if (version is not null)
            {
                plans[tariff.Id] = TariffPlanJson.Deserialize(version.PlanJson);
            }
        }

        return plans;
    }
}
