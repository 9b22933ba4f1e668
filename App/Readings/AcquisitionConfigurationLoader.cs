using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Persistence;
namespace Prepaid.App.Readings;

/// <summary>The engine's view of the database topology: enabled gateways, their buses and meters, by their database ids.</summary>
internal static class AcquisitionConfigurationLoader
{
    public static async Task<AcquisitionConfiguration> LoadAsync(
        IDbContextFactory<PrepaidDb> factory, AcquisitionServiceOptions options, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var gateways = await db.Gateways.AsNoTracking().Where(g => g.Enabled)
            .Include(g => g.Buses).ThenInclude(b => b.Meters).AsSplitQuery()
            .OrderBy(g => g.Id).ToListAsync(cancellationToken);
        return new AcquisitionConfiguration([.. gateways.Select(g => new GatewayConfig(g.Id, g.Host, g.Framing,
            [.. g.Buses.OrderBy(b => b.PortNumber).Select(b => new BusConfig(b.Id, b.TcpPort,
                [.. b.Meters.Where(m => m.UnitId is >= 1 and <= 247).OrderBy(m => m.UnitId).Select(m =>
                    new MeterConfig(m.Id, (byte)m.UnitId, m.Profile) { FastPeriod = options.FastPeriod, FullPeriod = options.FullPeriod })])
            {
                BaudRate = b.BaudRate,
                ResponseTimeout = TimeSpan.FromMilliseconds(Math.Max(50, b.ResponseTimeoutMs)),
            })]))]);
    }

    /// <summary>A comparable fingerprint: the records hold lists, which compare by reference.</summary>
    public static string Fingerprint(AcquisitionConfiguration configuration) => string.Join("|",
        configuration.Gateways.Select(g => $"{g.Id},{g.Host},{g.Framing}:" + string.Join(";",
            g.Buses.Select(b => $"{b.Id},{b.Port},{b.BaudRate},{b.ResponseTimeout.Ticks}:" + string.Join(" ",
                b.Meters.Select(m => $"{m.Id}/{m.UnitId}/{m.Profile}/{m.FastPeriod.Ticks}/{m.FullPeriod?.Ticks}"))))));
}
