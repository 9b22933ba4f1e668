using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Identity;
using Prepaid.App.Meters.KeepPower;
using Prepaid.App.Tests.Identity;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Meters.KeepPower;

public sealed class KeepPowerReleaseRetryTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Manager = AccessMatrixTests.Principal("manager", Roles.Manager);

    private sealed class RecordingSink : IOperatorAlarmSink
    {
        private readonly ConcurrentQueue<OperatorAlarmRaised> _raised = new();

        public List<OperatorAlarmRaised> Raised => [.. _raised.Where(a => a.Code == KeepPowerService.ReleaseUnconfirmedCode)];

        public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
        {
            _raised.Enqueue(alarm);
            return Task.CompletedTask;
        }
    }

    private static async Task<List<MeterCommand>> ReleasesAsync(KeepPowerHost host, int meterId)
    {
        await using var db = await host.DbAsync();
        return await db.MeterCommands.AsNoTracking().Where(c => c.MeterId == meterId && c.Kind == MeterCommandKind.Release).OrderBy(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task ProcessExpiries_ReleaseFailsOnASilentMeter_RetriesWithBackOffAlarmsAndSurvivesARestartUntilConfirmed()
    {
        var sink = new RecordingSink();
        await using var host = await KeepPowerHost.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<IOperatorAlarmSink>(sink)));
        var service = host.Services.GetRequiredService<KeepPowerService>();
        var meterId = await host.ShopMeterAsync();
        var key = meterId.ToString(CultureInfo.InvariantCulture);
        await service.GrantAsync(Manager, meterId, host.Clock.GetUtcNow().AddHours(1), "Refrigeration", null, CancellationToken.None);

        host.Simulator.SetMeterFault(key, new SimulatedFault(SimulatedFaultKind.Silent));
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await service.ProcessExpiriesAsync(CancellationToken.None));
        var afterExpiry = await ReleasesAsync(host, meterId);
        var alarmsAfterExpiry = sink.Raised.Count;

        // Within the first back-off nothing is sent; after it, a second Release (still failing, so another alarm).
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await service.ProcessExpiriesAsync(CancellationToken.None);
        var withinBackOff = (await ReleasesAsync(host, meterId)).Count;
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        await service.ProcessExpiriesAsync(CancellationToken.None);
        var secondTry = await ReleasesAsync(host, meterId);

        // The meter answers again; a new process (nothing in memory) finds the unconfirmed release in the journal.
        host.Simulator.SetMeterFault(key, new SimulatedFault(SimulatedFaultKind.None));
        host.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var restarted = ActivatorUtilities.CreateInstance<KeepPowerService>(host.Services);
        await restarted.ProcessExpiriesAsync(CancellationToken.None);
        var confirmed = await ReleasesAsync(host, meterId);
        host.Clock.Advance(TimeSpan.FromHours(2));
        await restarted.ProcessExpiriesAsync(CancellationToken.None);

        Assert.Equal(MeterCommandState.Failed, Assert.Single(afterExpiry).State);
        Assert.Equal(1, alarmsAfterExpiry);
        Assert.Equal(1, withinBackOff);
        Assert.Equal([MeterCommandState.Failed, MeterCommandState.Failed], secondTry.Select(c => c.State));
        Assert.Equal(2, sink.Raised.Count);
        Assert.All(sink.Raised, a => Assert.Equal(meterId, a.MeterId));
        Assert.Equal([MeterCommandState.Failed, MeterCommandState.Failed, MeterCommandState.Confirmed], confirmed.Select(c => c.State));
        Assert.All(confirmed, c => Assert.Equal(KeepPowerService.ExpiryActor, c.RequestedBy));
        Assert.Equal(ForcedControl.None, host.Meter(meterId).Model.Forced);
        Assert.Equal(3, (await ReleasesAsync(host, meterId)).Count);
    }

    [Fact]
    public async Task ProcessExpiries_OperatorActedAfterAFailedExpiryRelease_StopsRetrying()
    {
        await using var host = await KeepPowerHost.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<IOperatorAlarmSink>(new RecordingSink())));
        var service = host.Services.GetRequiredService<KeepPowerService>();
        var meterId = await host.ShopMeterAsync();
        var key = meterId.ToString(CultureInfo.InvariantCulture);
        await service.GrantAsync(Manager, meterId, host.Clock.GetUtcNow().AddHours(1), "Refrigeration", null, CancellationToken.None);
        host.Simulator.SetMeterFault(key, new SimulatedFault(SimulatedFaultKind.Silent));
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await service.ProcessExpiriesAsync(CancellationToken.None);

        host.Simulator.SetMeterFault(key, new SimulatedFault(SimulatedFaultKind.None));
        await service.GrantAsync(Manager, meterId, host.Clock.GetUtcNow().AddHours(5), "Still needed", null, CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await service.ProcessExpiriesAsync(CancellationToken.None);

        Assert.Single(await ReleasesAsync(host, meterId));
        Assert.Equal(ForcedControl.KeepPower, host.Meter(meterId).Model.Forced);
    }
}
