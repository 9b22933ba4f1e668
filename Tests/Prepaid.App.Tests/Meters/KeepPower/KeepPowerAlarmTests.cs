using Microsoft.EntityFrameworkCore;
using Prepaid.App.Alarms;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Meters.KeepPower;
using Prepaid.App.Tests.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Meters.KeepPower;

/// <summary>A failed keep-power expiry Release reaches the operator as one alarm, not as one per reporting path.</summary>
public sealed class KeepPowerAlarmTests
{
    [Fact]
    public async Task FailedExpiryRelease_JournalAndRetryPlanBothSeeIt_RaisesTheCommandFailedAlarmOnce()
    {
        await using var host = await AlarmTestHost.CreateAsync(seedDemo: true);
        int[] meters;
        await using (var db = host.Database.CreateDbContext())
        {
            meters = await db.Meters.Where(m => m.Kind == MeterKind.Electricity).OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToArrayAsync();
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = meters[0], Kind = MeterCommandKind.Release, State = MeterCommandState.Failed, RequestedAt = host.Now, CompletedAt = host.Now,
                RequestedBy = KeepPowerService.ExpiryActor, Reason = "Keep power expired", Error = "no read-back",
            });
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = meters[1], Kind = MeterCommandKind.Release, State = MeterCommandState.Failed, RequestedAt = host.Now, CompletedAt = host.Now,
                RequestedBy = "electrician", Reason = "By hand", Error = "no read-back",
            });
            await db.SaveChangesAsync();
        }

        // The journal path (the alarm sources) and the keep-power path (its own alarm with the retry plan) both run.
        await host.Sources.PollOnceAsync(CancellationToken.None);
        await new OperatorAlarmSink(host.Service).RaiseAsync(new OperatorAlarmRaised(KeepPowerService.ReleaseUnconfirmedCode, meters[0], host.Now,
            "Keep power expired but the meter did not confirm Release after 1 tries (no read-back); it may stay forced on."), CancellationToken.None);
        await host.Sources.PollOnceAsync(CancellationToken.None);

        var expiry = await host.AlarmAsync(AlarmSourceKind.Meter, meters[0], AlarmCondition.CommandFailed);
        var journal = await host.JournalAsync(expiry.Id);
        Assert.Single(journal, j => j.Annunciated);
        Assert.Contains("may stay forced on", expiry.Message);
        // Another requester's failed Release still alarms through the journal.
        var manual = await host.AlarmAsync(AlarmSourceKind.Meter, meters[1], AlarmCondition.CommandFailed);
        Assert.Single(await host.JournalAsync(manual.Id), j => j.Annunciated);
        Assert.Contains("Release Failed: no read-back", manual.Message);
    }
}
