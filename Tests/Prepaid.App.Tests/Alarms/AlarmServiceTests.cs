using Microsoft.EntityFrameworkCore;
using Prepaid.App.Alarms;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Identity;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Alarms;

public sealed class AlarmServiceTests
{
    private static readonly AlarmSource Meter7 = new(AlarmSourceKind.Meter, 7);

    [Fact]
    public async Task ReportCondition_CommLostThenRecovered_ActivatesAtOnceAndReturnsOnlyAfterTheOffDelay()
    {
        await using var host = await AlarmTestHost.CreateAsync();

        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.CommunicationLost, true, host.Now, "no answer");
        var active = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.CommunicationLost);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.CommunicationLost, false, host.Now, null);
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        await host.Service.TickAsync();
        var stillActive = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.CommunicationLost);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await host.Service.TickAsync();

        var returned = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.CommunicationLost);
        Assert.Equal((AlarmState.ActiveUnacknowledged, AlarmPriority.Low, "no answer"), (active.State, active.Priority, active.Message));
        Assert.Equal(AlarmState.ActiveUnacknowledged, stillActive.State);
        Assert.Equal(AlarmState.ReturnedUnacknowledged, returned.State);
        Assert.Equal(host.Now, returned.ReturnedAt);
        var journal = await host.JournalAsync(returned.Id);
        Assert.Equal([AlarmEventKind.ConditionActive, AlarmEventKind.ConditionClear], journal.Select(j => j.Kind));
        Assert.True(journal[0].Annunciated);
    }

    [Fact]
    public async Task ReportCondition_RepeatedAndClearForUnknownAlarm_StoresNothing()
    {
        await using var host = await AlarmTestHost.CreateAsync();

        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, false, host.Now, null);
        await host.Service.ReportConditionAsync(new AlarmSource(AlarmSourceKind.Meter, 8), AlarmCondition.MeterFault, true, host.Now, null);
        await host.Service.ReportConditionAsync(new AlarmSource(AlarmSourceKind.Meter, 8), AlarmCondition.MeterFault, true, host.Now.AddSeconds(5), null);

        await using var db = host.Database.CreateDbContext();
        Assert.Equal([8], await db.Alarms.Select(a => a.SourceId).ToListAsync());
        Assert.Equal(1, await host.JournalCountAsync());
    }

    [Fact]
    public async Task Acknowledge_Electrician_JournalsTheUserAndCommentAndStopsTheBanner()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, "fault bit");
        var before = await host.Service.GetAnnunciationAsync();
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        var count = await host.Service.AcknowledgeAsync(AlarmTestHost.Electrician, [alarm.Id], "  going to look  ");

        var after = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        Assert.Equal(1, count);
        Assert.Equal((1, "fault bit", AlarmPriority.Medium), (before.Count, before.TopMessage, before.TopPriority));
        Assert.Equal(0, host.Service.Annunciation.Count);
        Assert.Equal((AlarmState.ActiveAcknowledged, "electrician", host.Now), (after.State, after.AcknowledgedBy, after.AcknowledgedAt));
        var ack = (await host.JournalAsync(alarm.Id)).Last();
        Assert.Equal((AlarmEventKind.Acknowledge, "electrician", "going to look"), (ack.Kind, ack.User, ack.Comment));
    }

    [Fact]
    public async Task Annunciation_NewerMediumAfterAHigh_BannerKeepsTheHighOnTop()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(new AlarmSource(AlarmSourceKind.Meter, 8), AlarmCondition.OverPowerTrip, true, host.Now, "over the limit");
        host.Clock.Advance(TimeSpan.FromSeconds(40));
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, "fault bit");

        var banner = await host.Service.GetAnnunciationAsync();

        Assert.Equal((2, new AlarmKey(AlarmSourceKind.Meter, 8, AlarmCondition.OverPowerTrip), AlarmPriority.High), (banner.Count, banner.Top, banner.TopPriority));
    }

    [Fact]
    public async Task Acknowledge_AlreadyAcknowledged_IsRefusedWithTheReasonAndJournalsNothing()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, null);
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        await host.Service.AcknowledgeAsync(AlarmTestHost.Electrician, [alarm.Id], null);

        var error = await Assert.ThrowsAsync<AlarmActionException>(() => host.Service.AcknowledgeAsync(AlarmTestHost.Electrician, [alarm.Id], null));

        Assert.Equal(nameof(AlarmRefusal.NotAcknowledgeable), error.Code);
        Assert.Equal(2, await host.JournalCountAsync());
    }

    [Fact]
    public async Task AcknowledgeMatching_FilterOnMeters_AcknowledgesOnlyTheMatchingAlarms()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, null);
        await host.Service.ReportConditionAsync(new AlarmSource(AlarmSourceKind.Meter, 8), AlarmCondition.CommunicationLost, true, host.Now, null);
        await host.Service.ReportConditionAsync(new AlarmSource(AlarmSourceKind.Gateway, 1), AlarmCondition.CommunicationLost, true, host.Now, null);

        var count = await host.Service.AcknowledgeMatchingAsync(AlarmTestHost.Electrician, new AlarmFilter(SourceKind: AlarmSourceKind.Meter), "shift start");

        var active = await host.Query.ActiveAsync(new AlarmFilter(), CancellationToken.None);
        Assert.Equal(2, count);
        Assert.Equal([(AlarmSourceKind.Gateway, true), (AlarmSourceKind.Meter, false), (AlarmSourceKind.Meter, false)],
            active.Select(a => (a.Key.SourceKind, a.NeedsAcknowledgement)));
        Assert.Equal(AlarmPriority.High, active[0].Priority);
    }

    [Fact]
    public async Task Shelve_UntilExpiry_HidesTheAlarmAndItReappearsUnacknowledgedAtExpiry()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, null);
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        var until = host.Now.AddHours(1);

        await host.Service.ShelveAsync(AlarmTestHost.Electrician, alarm.Id, "Meter replaced tomorrow", until, null);
        var shelved = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        var bannerWhileShelved = host.Service.Annunciation.Count;
        host.Clock.Advance(TimeSpan.FromMinutes(59));
        await host.Service.TickAsync();
        var beforeExpiry = (await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault)).State;
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await host.Service.TickAsync();

        var after = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        Assert.Equal((AlarmState.Shelved, "electrician", "Meter replaced tomorrow", until), (shelved.State, shelved.ShelvedBy, shelved.ShelveReason, shelved.ShelvedUntil));
        Assert.Equal(0, bannerWhileShelved);
        Assert.Equal(AlarmState.Shelved, beforeExpiry);
        Assert.Equal((AlarmState.ActiveUnacknowledged, null, null), (after.State, after.ShelvedUntil, after.ShelvedBy));
        Assert.Equal(1, host.Service.Annunciation.Count);
        var expiry = (await host.JournalAsync(alarm.Id)).Last();
        Assert.Equal((AlarmEventKind.ShelveExpired, until, true), (expiry.Kind, expiry.At, expiry.Annunciated));
    }

    [Theory]
    [InlineData("", 1, "Reason")]
    [InlineData("maintenance", 0, "Expiry")]
    [InlineData("maintenance", 24 * 8, "ExpiryTooLong")]
    public async Task Shelve_BadInput_IsRefusedWithItsCodeAndChangesNothing(string reason, int hours, string code)
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, null);
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);

        var error = await Assert.ThrowsAsync<AlarmActionException>(() => host.Service.ShelveAsync(AlarmTestHost.Electrician, alarm.Id, reason, host.Now.AddHours(hours), null));

        Assert.Equal(code, error.Code);
        Assert.Equal(AlarmState.ActiveUnacknowledged, (await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault)).State);
        Assert.Equal(1, await host.JournalCountAsync());
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.WallDisplay)]
    [InlineData(Roles.Tenant)]
    public async Task OperatorActions_RoleWithoutThePermission_AreRefusedOnTheServer(string role)
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.OverPowerTrip, true, host.Now, null);
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.OverPowerTrip);
        var actor = AccessMatrixTests.Principal("someone", role);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => host.Service.AcknowledgeAsync(actor, [alarm.Id], null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => host.Service.AcknowledgeMatchingAsync(actor, new AlarmFilter(), null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => host.Service.ShelveAsync(actor, alarm.Id, "r", host.Now.AddHours(1), null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => host.Service.ResetAsync(actor, alarm.Id, null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => host.Service.RemoveFromServiceAsync(actor, alarm.Id, "P-1", null));

        Assert.Equal(1, await host.JournalCountAsync());
        Assert.Equal(AlarmState.ActiveUnacknowledged, (await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.OverPowerTrip)).State);
    }

    [Fact]
    public async Task Reset_LatchedOverPowerTrip_ReturnsToNormalAndAcknowledges()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.OverPowerTrip, true, host.Now, null);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.OverPowerTrip, false, host.Now, null);
        var latched = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.OverPowerTrip);

        await host.Service.ResetAsync(AlarmTestHost.Electrician, latched.Id, "load checked");

        var reset = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.OverPowerTrip);
        Assert.Equal((AlarmState.Latched, AlarmPriority.High), (latched.State, latched.Priority));
        Assert.Equal((AlarmState.Normal, "electrician"), (reset.State, reset.AcknowledgedBy));
    }

    [Fact]
    public async Task OutOfService_WithPermit_HidesTheAlarmAndOnlyTheSamePermitReturnsIt()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, null);
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);

        await host.Service.RemoveFromServiceAsync(AlarmTestHost.Electrician, alarm.Id, "WP-2026-114", "meter swap");
        var outOfService = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        var wrong = await Assert.ThrowsAsync<AlarmActionException>(() => host.Service.ReturnToServiceAsync(AlarmTestHost.Electrician, alarm.Id, "WP-1", null));
        await host.Service.ReturnToServiceAsync(AlarmTestHost.Electrician, alarm.Id, "WP-2026-114", null);

        Assert.Equal((AlarmState.OutOfService, "WP-2026-114"), (outOfService.State, outOfService.OutOfServicePermit));
        Assert.Equal(nameof(AlarmRefusal.PermitMismatch), wrong.Code);
        Assert.Equal(AlarmState.ActiveUnacknowledged, (await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault)).State);
    }

    [Fact]
    public async Task Journal_EditOrDelete_IsRefusedByTheAppendOnlyGuard()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, null);
        await using var db = host.Database.CreateDbContext();
        var entry = await db.AlarmJournal.SingleAsync();

        entry.Comment = "rewritten";
        var edit = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AlarmJournal.Remove(await db.AlarmJournal.SingleAsync());
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", edit.Message);
        Assert.Contains("append-only", delete.Message);
        await using var check = host.Database.CreateDbContext();
        Assert.Null((await check.AlarmJournal.SingleAsync()).Comment);
    }

    [Fact]
    public async Task Restart_StoredAlarms_ResumeFromTheRowAndTheJournalReplaysToTheSameState()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, null);
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        await host.Service.ShelveAsync(AlarmTestHost.Electrician, alarm.Id, "noisy", host.Now.AddMinutes(30), null);

        var restarted = host.Restarted();
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        await restarted.TickAsync();

        var row = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        var replay = AlarmMachine.Replay(AlarmCatalog.Definition(new AlarmKey(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault)),
            (await host.JournalAsync(alarm.Id)).Select(j => j.ToRecord()));
        Assert.True(replay.Ok, replay.Error);
        Assert.Equal(AlarmState.ActiveUnacknowledged, replay.Status.State);
        Assert.Equal(AlarmState.ActiveUnacknowledged, row.State);
        Assert.Equal(3, row.Sequence);
    }

    [Fact]
    public async Task ReportCondition_ChatteringFault_IsMarkedAndItsClearIsDelayed()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        foreach (var active in new[] { true, false, true })
        {
            await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, active, host.Now, null);
            host.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, false, host.Now, null);
        var held = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.Service.TickAsync();

        var rows = await host.Query.ActiveAsync(new AlarmFilter(), CancellationToken.None);
        Assert.True(held.ConditionActive);
        Assert.NotNull(held.LastChatterAt);
        Assert.True(rows.Single().Chattering);
        Assert.False(rows.Single().ConditionActive);
    }

    [Fact]
    public async Task Notifier_AlarmChanges_TellSubscribersUntilTheyUnsubscribe()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        var told = new TaskCompletionSource();
        var calls = 0;
        var subscription = host.Notifier.Subscribe(() =>
        {
            Interlocked.Increment(ref calls);
            told.TrySetResult();
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(10));

        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, true, host.Now, null);
        host.Clock.Advance(TimeSpan.FromMilliseconds(10));
        await told.Task.WaitAsync(TimeSpan.FromSeconds(5));
        subscription.Dispose();
        await host.Service.ReportConditionAsync(Meter7, AlarmCondition.MeterFault, false, host.Now.AddSeconds(1), null);
        host.Clock.Advance(TimeSpan.FromMilliseconds(100));   // a subscriber still there would be told by now

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ReportAnalog_IncomerLoss_WaitsTheOnDelayAndClearsOnlyBelowTheDeadband()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        var site = new AlarmSource(AlarmSourceKind.Site, 1);
        var limit = new AnalogLimit(5m, 1m);

        await host.Service.ReportAnalogAsync(site, AlarmCondition.IncomerLoss, 6m, limit, host.Now, "loss 6 %");
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await host.Service.TickAsync();
        var countDuringOnDelay = await host.JournalCountAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.Service.TickAsync();
        var active = await host.AlarmAsync(AlarmSourceKind.Site, 1, AlarmCondition.IncomerLoss);
        await host.Service.ReportAnalogAsync(site, AlarmCondition.IncomerLoss, 4.5m, limit, host.Now, null);
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        await host.Service.TickAsync();
        var insideDeadband = await host.AlarmAsync(AlarmSourceKind.Site, 1, AlarmCondition.IncomerLoss);
        await host.Service.ReportAnalogAsync(site, AlarmCondition.IncomerLoss, 3.9m, limit, host.Now, null);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        await host.Service.TickAsync();

        Assert.Equal(0, countDuringOnDelay);
        Assert.Equal((AlarmState.ActiveUnacknowledged, AlarmPriority.Medium, "loss 6 %"), (active.State, active.Priority, active.Message));
        Assert.True(insideDeadband.ConditionActive);
        Assert.Equal(AlarmState.ReturnedUnacknowledged, (await host.AlarmAsync(AlarmSourceKind.Site, 1, AlarmCondition.IncomerLoss)).State);
    }

    [Fact]
    public async Task ReportMomentary_ReconciliationDiscrepancy_LatchesUntilReset()
    {
        await using var host = await AlarmTestHost.CreateAsync();

        await host.Service.ReportMomentaryAsync(new AlarmSource(AlarmSourceKind.Meter, 9), AlarmCondition.ReconciliationDiscrepancy, host.Now, "meter 12.30, platform 10.00");

        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 9, AlarmCondition.ReconciliationDiscrepancy);
        Assert.Equal((AlarmState.Latched, false, "meter 12.30, platform 10.00"), (alarm.State, alarm.ConditionActive, alarm.Message));
        Assert.Equal([AlarmEventKind.ConditionActive, AlarmEventKind.ConditionClear], (await host.JournalAsync(alarm.Id)).Select(j => j.Kind));
    }
}
