using Microsoft.EntityFrameworkCore;
using Prepaid.App.Tests.Kernel.Ledger;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;
using Tariff = Prepaid.Domain.Model.Tariff;

namespace Prepaid.App.Tests.Sharing;

/// <summary>
/// A hand-made mall on the ledger test bed (site in Asia/Shanghai, three tenants with accounts): transformers T1 and
/// T2, each with a main incomer and a shaft; public-area meters P1 (shaft 1) and P2 (shaft 2); shop meters M1 and M3
/// (shaft 1) and M2 (shaft 2) of tenants 1, 3 and 2; a flat tariff of 0.85 yuan/kWh on every billed meter.
/// </summary>
internal sealed class SmallMall
{
    public const decimal Price = 0.85m;

    public required LedgerTestBed Bed { get; init; }
    public required int SiteId { get; init; }
    public required int T1 { get; init; }
    public required int T2 { get; init; }
    public required int Incomer1 { get; init; }
    public required int Incomer2 { get; init; }
    public required int P1 { get; init; }
    public required int P2 { get; init; }
    public required int M1 { get; init; }
    public required int M2 { get; init; }
    public required int M3 { get; init; }
    public required int BusId { get; init; }
    public required IReadOnlyList<int> TenantIds { get; init; }

    public static async Task<SmallMall> CreateAsync()
    {
        var bed = await LedgerTestBed.CreateAsync(accounts: 3);
        await using var db = bed.Database.CreateDbContext();
        var site = await db.Sites.SingleAsync();
        var t1 = new Transformer { SiteId = site.Id, Code = "T1", Name = "1#", RatedKva = 1250 };
        var t2 = new Transformer { SiteId = site.Id, Code = "T2", Name = "2#", RatedKva = 1250 };
        db.Transformers.AddRange(t1, t2);
        await db.SaveChangesAsync();
        var s1 = new Shaft { SiteId = site.Id, Code = "S1", Name = "Shaft 1", TransformerId = t1.Id };
        var s2 = new Shaft { SiteId = site.Id, Code = "S2", Name = "Shaft 2", TransformerId = t2.Id };
        db.Shafts.AddRange(s1, s2);
        var gateway = new Gateway { SiteId = site.Id, Name = "GW", Host = "127.0.0.1" };
        gateway.Buses.Add(new Bus { Name = "COM1", PortNumber = 1, TcpPort = 1 });
        db.Gateways.Add(gateway);
        var tariff = new Tariff
        {
            SiteId = site.Id, Code = "FLAT", Name = "Flat", Commodity = MeterKind.Electricity,
            Versions = [new TariffVersion { ValidFrom = new DateOnly(2026, 1, 1), PlanJson = TariffPlanJson.Serialize(TariffPlanExamples.FlatElectricity2026()), CreatedAt = bed.Clock.GetUtcNow(), CreatedBy = "test" }],
        };
        db.Tariffs.Add(tariff);
        await db.SaveChangesAsync();
        var busId = gateway.Buses[0].Id;
        var unit = 0;
        Meter New(string name, MeterRole role, MeterProfile profile, int? shaft, int? transformer = null, int? account = null, int ct = 1) => new()
        {
            SiteId = site.Id, BusId = busId, UnitId = ++unit, SerialNumber = $"SN{unit:000}", Name = name, Kind = MeterKind.Electricity, Role = role,
            Profile = profile, BillingMode = role == MeterRole.Tenant ? BillingMode.Meter : BillingMode.Platform, ShaftId = shaft, TransformerId = transformer,
            AccountId = account, TariffId = role == MeterRole.MainIncomer ? null : tariff.Id, CtRatio = ct,
        };
        var meters = new[]
        {
            New("T1-INC", MeterRole.MainIncomer, MeterProfile.MainIncomer, null, t1.Id, ct: 500),
            New("T2-INC", MeterRole.MainIncomer, MeterProfile.MainIncomer, null, t2.Id, ct: 500),
            New("P1", MeterRole.PublicArea, MeterProfile.PublicArea, s1.Id),
            New("P2", MeterRole.PublicArea, MeterProfile.PublicArea, s2.Id),
            New("M1", MeterRole.Tenant, MeterProfile.PrepaidSinglePhase, s1.Id, account: bed.AccountIds[0]),
            New("M2", MeterRole.Tenant, MeterProfile.PrepaidSinglePhase, s2.Id, account: bed.AccountIds[1]),
            New("M3", MeterRole.Tenant, MeterProfile.PrepaidSinglePhase, s1.Id, account: bed.AccountIds[2]),
        };
        db.Meters.AddRange(meters);
        await db.SaveChangesAsync();
        var tenantIds = new List<int>();
        foreach (var account in bed.AccountIds)
        {
            tenantIds.Add(await db.Accounts.Where(a => a.Id == account).Select(a => a.TenantId).SingleAsync());
        }

        return new SmallMall
        {
            Bed = bed, SiteId = site.Id, T1 = t1.Id, T2 = t2.Id, BusId = busId, TenantIds = tenantIds,
            Incomer1 = meters[0].Id, Incomer2 = meters[1].Id, P1 = meters[2].Id, P2 = meters[3].Id, M1 = meters[4].Id, M2 = meters[5].Id, M3 = meters[6].Id,
        };
    }

    /// <summary>Stores 15-minute interval energy rows (total only).</summary>
    public async Task IntervalsAsync(params (int MeterId, DateTimeOffset Start, decimal Total)[] rows)
    {
        await using var db = Bed.Database.CreateDbContext();
        db.IntervalEnergies.AddRange(rows.Select(r => new IntervalEnergy { MeterId = r.MeterId, IntervalStart = r.Start, Total = r.Total }));
        await db.SaveChangesAsync();
    }
}
