using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Alarms;

public sealed class AlarmMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddMinutes(10);
    private static readonly DateTimeOffset ShelfEnd = T0.AddHours(1);
    private static readonly AlarmKey Key = new(AlarmSourceKind.Meter, 7, AlarmCondition.CommunicationLost);
    private static readonly AlarmDefinition Plain = new(Key, AlarmPriority.Medium);
    private static readonly AlarmDefinition Latching = new(Key with { Condition = AlarmCondition.OverPowerTrip }, AlarmPriority.High, Latching: true);

    // Columns of the table: each event with valid parameters, at Now unless stated.
    private static readonly (string Name, AlarmEvent Event)[] Events =
    [
        ("CA", AlarmEvent.ConditionActive(Now)),
        ("CC", AlarmEvent.ConditionClear(Now)),
        ("Ack", AlarmEvent.Acknowledge(Now, "op", "seen")),
        ("Shelve", AlarmEvent.Shelve(Now, "op", "nuisance", Now.AddHours(2))),
        ("Unshelve", AlarmEvent.Unshelve(Now, "op")),
        ("ExpireEarly", AlarmEvent.ShelveExpired(Now)),
        ("ExpireDue", AlarmEvent.ShelveExpired(ShelfEnd)),
        ("Suppress", AlarmEvent.Suppress(Now, "Gateway/1")),
        ("Unsuppress", AlarmEvent.Unsuppress(Now, "Gateway/1")),
        ("Remove", AlarmEvent.RemoveFromService(Now, "tech", "PTW-1")),
        ("Return", AlarmEvent.ReturnToService(Now, "tech", "PTW-1")),
        ("Reset", AlarmEvent.ResetLatched(Now, "op")),
    ];

    // Rows: a starting status reached through the engine, and the expected result per column.
    // AU/AA/RU/N/L/Sh/Su/OOS = resulting state, "=" = unchanged, "!Code" = refused with that code.
    private static readonly (string Name, AlarmState State, string Expected)[] Rows =
    [
        ("Normal", AlarmState.Normal,
            "AU = !NotAcknowledgeable Sh !NotShelved !NotShelved !NotShelved Su = OOS !NotOutOfService !NotLatched"),
        ("ActiveUnack", AlarmState.ActiveUnacknowledged,
            "= RU AA Sh !NotShelved !NotShelved !NotShelved Su = OOS !NotOutOfService !NotLatched"),
        ("ActiveAck", AlarmState.ActiveAcknowledged,
            "= N !NotAcknowledgeable Sh !NotShelved !NotShelved !NotShelved Su = OOS !NotOutOfService !NotLatched"),
        ("RtnUnack", AlarmState.ReturnedUnacknowledged,
            "AU = N Sh !NotShelved !NotShelved !NotShelved Su = OOS !NotOutOfService !NotLatched"),
        ("LatchingActiveUnack", AlarmState.ActiveUnacknowledged,
            "= L AA Sh !NotShelved !NotShelved !NotShelved Su = OOS !NotOutOfService !NotLatched"),
        ("LatchingActiveAck", AlarmState.ActiveAcknowledged,
            "= L !NotAcknowledgeable Sh !NotShelved !NotShelved !NotShelved Su = OOS !NotOutOfService !NotLatched"),
        ("LatchedUnack", AlarmState.Latched,
            "AU = L Sh !NotShelved !NotShelved !NotShelved Su = OOS !NotOutOfService N"),
        ("LatchedAck", AlarmState.Latched,
            "AU = !NotAcknowledgeable Sh !NotShelved !NotShelved !NotShelved Su = OOS !NotOutOfService N"),
        ("ShelvedClear", AlarmState.Shelved,
            "Sh = !NotAcknowledgeable !NotShelvable N !ShelfNotDue N Sh = OOS !NotOutOfService !NotLatched"),
        ("ShelvedActive", AlarmState.Shelved,
            "= Sh !NotAcknowledgeable !NotShelvable AU !ShelfNotDue AU Sh = OOS !NotOutOfService !NotLatched"),
        ("SuppressedClear", AlarmState.Suppressed,
            "Su = !NotAcknowledgeable !NotShelvable !NotShelved !NotShelved !NotShelved = N OOS !NotOutOfService !NotLatched"),
        ("SuppressedActive", AlarmState.Suppressed,
            "= Su !NotAcknowledgeable !NotShelvable !NotShelved !NotShelved !NotShelved = AU OOS !NotOutOfService !NotLatched"),
        ("OosClear", AlarmState.OutOfService,
            "OOS = !NotAcknowledgeable !NotShelvable !NotShelved !NotShelved !NotShelved OOS = !AlreadyOutOfService N !NotLatched"),
        ("OosActive", AlarmState.OutOfService,
            "= OOS !NotAcknowledgeable !NotShelvable !NotShelved !NotShelved !NotShelved OOS = !AlreadyOutOfService AU !NotLatched"),
    ];

    private static readonly Dictionary<string, AlarmState> Short = new()
    {
        ["N"] = AlarmState.Normal, ["AU"] = AlarmState.ActiveUnacknowledged, ["AA"] = AlarmState.ActiveAcknowledged,
        ["RU"] = AlarmState.ReturnedUnacknowledged, ["L"] = AlarmState.Latched, ["Sh"] = AlarmState.Shelved,
        ["Su"] = AlarmState.Suppressed, ["OOS"] = AlarmState.OutOfService,
    };

    internal static AlarmStatus Build(string row)
    {
        var t = T0;
        AlarmEvent Ca() => AlarmEvent.ConditionActive(t = t.AddMinutes(1));
        AlarmEvent Cc() => AlarmEvent.ConditionClear(t = t.AddMinutes(1));
        AlarmEvent Ack() => AlarmEvent.Acknowledge(t = t.AddMinutes(1), "op");
        AlarmEvent Shelve() => AlarmEvent.Shelve(t = t.AddMinutes(1), "op", "testing", ShelfEnd);
        AlarmEvent Suppress() => AlarmEvent.Suppress(t = t.AddMinutes(1), "Gateway/1");
        AlarmEvent Remove() => AlarmEvent.RemoveFromService(t = t.AddMinutes(1), "tech", "PTW-1");
        (AlarmDefinition Definition, AlarmEvent[] Events) setup = row switch
        {
            "Normal" => (Plain, []),
            "ActiveUnack" => (Plain, [Ca()]),
            "ActiveAck" => (Plain, [Ca(), Ack()]),
            "RtnUnack" => (Plain, [Ca(), Cc()]),
            "LatchingActiveUnack" => (Latching, [Ca()]),
            "LatchingActiveAck" => (Latching, [Ca(), Ack()]),
            "LatchedUnack" => (Latching, [Ca(), Cc()]),
            "LatchedAck" => (Latching, [Ca(), Ack(), Cc()]),
            "ShelvedClear" => (Plain, [Shelve()]),
            "ShelvedActive" => (Plain, [Ca(), Shelve()]),
            "SuppressedClear" => (Plain, [Suppress()]),
            "SuppressedActive" => (Plain, [Ca(), Suppress()]),
            "OosClear" => (Plain, [Remove()]),
            "OosActive" => (Plain, [Ca(), Remove()]),
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
        };
        var status = AlarmStatus.Initial(setup.Definition);
        foreach (var e in setup.Events)
        {
            var result = AlarmMachine.Apply(status, e);
            Assert.Equal(AlarmOutcome.Changed, result.Outcome);
            status = result.Status;
        }

        return status;
    }

    public static TheoryData<string, string, string> Table()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (row, _, expected) in Rows)
        {
            var cells = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Events.Length, cells.Length);
            for (var i = 0; i < Events.Length; i++)
            {
                data.Add(row, Events[i].Name, cells[i]);
            }
        }

        return data;
    }

    [Fact]
    public void Table_CoversEveryState_AndEveryEventKind()
    {
        Assert.Equal(Enum.GetValues<AlarmState>().Order(), Rows.Select(r => r.State).Distinct().Order());
        Assert.Equal(Enum.GetValues<AlarmEventKind>().Order(), Events.Select(e => e.Event.Kind).Distinct().Order());
        foreach (var (row, state, _) in Rows)
        {
            Assert.Equal(state, Build(row).State);
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Apply_EveryStateAndEvent_MatchesTable(string row, string eventName, string expected)
    {
        var before = Build(row);
        var alarmEvent = Events.Single(e => e.Name == eventName).Event;

        var result = AlarmMachine.Apply(before, alarmEvent);

        if (expected == "=")
        {
            Assert.Equal(AlarmOutcome.Unchanged, result.Outcome);
            Assert.Same(before, result.Status);
            Assert.Empty(result.Records);
        }
        else if (expected.StartsWith('!'))
        {
            Assert.Equal(AlarmOutcome.Refused, result.Outcome);
            Assert.Equal(Enum.Parse<AlarmRefusal>(expected[1..]), result.Refusal);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
            Assert.Same(before, result.Status);
            Assert.Empty(result.Records);
        }
        else
        {
            Assert.Equal(AlarmOutcome.Changed, result.Outcome);
            Assert.Equal(Short[expected], result.Status.State);
            var record = Assert.Single(result.Records);
            Assert.Equal(before.State, record.From);
            Assert.Equal(result.Status.State, record.To);
            Assert.Equal(alarmEvent, record.Event);
            Assert.Equal(before.Sequence + 1, record.Sequence);
            Assert.Equal(result.Status.ConditionActive, record.ConditionActive);
            Assert.Equal(record.To == AlarmState.ActiveUnacknowledged && record.From != AlarmState.ActiveUnacknowledged, record.Annunciated);
        }
    }

    [Fact]
    public void Acknowledge_WithoutUser_RefusedMissingUser()
    {
        var active = Build("ActiveUnack");

        var result = AlarmMachine.Apply(active, AlarmEvent.Acknowledge(Now, " "));

        Assert.Equal(AlarmRefusal.MissingUser, result.Refusal);
        Assert.Same(active, result.Status);
    }

    [Fact]
    public void Acknowledge_ActiveAlarm_RecordsUserTimeAndComment()
    {
        var result = AlarmMachine.Apply(Build("ActiveUnack"), AlarmEvent.Acknowledge(Now, "li.wei", "going to shaft 3"));

        Assert.Equal("li.wei", result.Status.AcknowledgedBy);
        Assert.Equal(Now, result.Status.AcknowledgedAt);
        var record = Assert.Single(result.Records);
        Assert.Equal(("li.wei", "going to shaft 3", Now), (record.User, record.Comment, record.At));
    }

    public static TheoryData<string, AlarmRefusal> BadShelves() => new()
    {
        { "no-user", AlarmRefusal.MissingUser },
        { "no-reason", AlarmRefusal.MissingReason },
        { "no-expiry", AlarmRefusal.MissingExpiry },
        { "past-expiry", AlarmRefusal.ExpiryNotInFuture },
        { "expiry-now", AlarmRefusal.ExpiryNotInFuture },
    };

    [Theory]
    [MemberData(nameof(BadShelves))]
    public void Shelve_InvalidParameters_RefusedAndUnchanged(string kind, AlarmRefusal expected)
    {
        var active = Build("ActiveUnack");
        var e = kind switch
        {
            "no-user" => new AlarmEvent(AlarmEventKind.Shelve, Now, Reason: "r", Expiry: Now.AddHours(1)),
            "no-reason" => new AlarmEvent(AlarmEventKind.Shelve, Now, "op", Reason: "", Expiry: Now.AddHours(1)),
            "no-expiry" => new AlarmEvent(AlarmEventKind.Shelve, Now, "op", Reason: "r"),
            "past-expiry" => AlarmEvent.Shelve(Now, "op", "r", Now.AddSeconds(-1)),
            _ => AlarmEvent.Shelve(Now, "op", "r", Now),
        };

        var result = AlarmMachine.Apply(active, e);

        Assert.Equal(expected, result.Refusal);
        Assert.Same(active, result.Status);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void Shelve_ValidParameters_RecordsReasonUserAndExpiry()
    {
        var result = AlarmMachine.Apply(Build("ActiveAck"), AlarmEvent.Shelve(Now, "op", "sensor replaced tomorrow", Now.AddHours(8)));

        Assert.Equal(("op", "sensor replaced tomorrow", Now.AddHours(8)), (result.Status.ShelvedBy, result.Status.ShelveReason, result.Status.ShelvedUntil));
        Assert.Equal("sensor replaced tomorrow", result.Records[0].Event.Reason);
    }

    [Fact]
    public void Apply_EventAfterShelfExpiry_ExpiresAtExpiryTimeFirst()
    {
        var shelved = Build("ShelvedActive");

        var result = AlarmMachine.Apply(shelved, AlarmEvent.ConditionClear(ShelfEnd.AddMinutes(5)));

        Assert.Equal(2, result.Records.Count);
        Assert.Equal((AlarmEventKind.ShelveExpired, ShelfEnd, AlarmState.Shelved, AlarmState.ActiveUnacknowledged, true),
            (result.Records[0].Kind, result.Records[0].At, result.Records[0].From, result.Records[0].To, result.Records[0].Annunciated));
        Assert.Equal((AlarmState.ActiveUnacknowledged, AlarmState.ReturnedUnacknowledged), (result.Records[1].From, result.Records[1].To));
        Assert.Equal(AlarmState.ReturnedUnacknowledged, result.Status.State);
    }

    [Fact]
    public void Tick_BeforeExpiry_Unchanged()
    {
        var shelved = Build("ShelvedClear");

        Assert.Equal(AlarmOutcome.Unchanged, AlarmMachine.Tick(shelved, ShelfEnd.AddTicks(-1)).Outcome);
        Assert.Equal(ShelfEnd, AlarmMachine.NextDue(shelved));
    }

    [Fact]
    public void Tick_ExactlyAtExpiry_Reappears()
    {
        var result = AlarmMachine.Tick(Build("ShelvedActive"), ShelfEnd);

        Assert.Equal(AlarmState.ActiveUnacknowledged, result.Status.State);
        Assert.Equal(ShelfEnd, Assert.Single(result.Records).At);
        Assert.Null(AlarmMachine.NextDue(result.Status));
    }

    [Fact]
    public void Tick_LateAfterExpiry_JournalsAtExpiryNotAtTick()
    {
        var result = AlarmMachine.Tick(Build("ShelvedClear"), ShelfEnd.AddHours(3));

        Assert.Equal(AlarmState.Normal, result.Status.State);
        Assert.Equal(ShelfEnd, Assert.Single(result.Records).At);
    }

    [Fact]
    public void Apply_EventOlderThanLastTransition_RefusedOutOfOrder()
    {
        var active = Build("ActiveUnack");

        var result = AlarmMachine.Apply(active, AlarmEvent.Acknowledge(T0, "op"));

        Assert.Equal(AlarmRefusal.OutOfOrder, result.Refusal);
        Assert.Same(active, result.Status);
    }

    [Fact]
    public void Suppress_BySecondSource_RefusedSuppressedByOther()
    {
        var suppressed = Build("SuppressedActive");

        Assert.Equal(AlarmRefusal.SuppressedByOther, AlarmMachine.Apply(suppressed, AlarmEvent.Suppress(Now, "Gateway/2")).Refusal);
        Assert.Equal(AlarmRefusal.SuppressedByOther, AlarmMachine.Apply(suppressed, AlarmEvent.Unsuppress(Now, "Gateway/2")).Refusal);
        Assert.Equal(AlarmRefusal.MissingSource, AlarmMachine.Apply(suppressed, AlarmEvent.Unsuppress(Now, "")).Refusal);
    }

    [Fact]
    public void ReturnToService_OtherPermit_RefusedPermitMismatch()
    {
        var oos = Build("OosActive");

        Assert.Equal(AlarmRefusal.PermitMismatch, AlarmMachine.Apply(oos, AlarmEvent.ReturnToService(Now, "tech", "PTW-2")).Refusal);
        Assert.Equal(AlarmRefusal.MissingPermit, AlarmMachine.Apply(oos, AlarmEvent.ReturnToService(Now, "tech", " ")).Refusal);
        Assert.Equal(AlarmRefusal.MissingPermit, AlarmMachine.Apply(Build("Normal"), AlarmEvent.RemoveFromService(Now, "tech", "")).Refusal);
    }

    [Fact]
    public void RemoveFromService_ShelvedAlarm_EndsTheShelf()
    {
        var result = AlarmMachine.Apply(Build("ShelvedActive"), AlarmEvent.RemoveFromService(Now, "tech", "PTW-9"));

        Assert.False(result.Status.IsShelved);
        var back = AlarmMachine.Apply(result.Status, AlarmEvent.ReturnToService(ShelfEnd.AddHours(1), "tech", "PTW-9"));
        Assert.Equal(AlarmState.ActiveUnacknowledged, back.Status.State);
        Assert.True(Assert.Single(back.Records).Annunciated);
    }

    [Fact]
    public void Shelve_SuppressedThenShelfExpires_StaysSuppressedUntilGatewayReturns()
    {
        var s = Build("ShelvedActive");
        s = AlarmMachine.Apply(s, AlarmEvent.Suppress(Now, "Gateway/1")).Status;
        Assert.Equal(AlarmState.Shelved, s.State);

        s = AlarmMachine.Tick(s, ShelfEnd).Status;
        Assert.Equal(AlarmState.Suppressed, s.State);

        var back = AlarmMachine.Apply(s, AlarmEvent.Unsuppress(ShelfEnd.AddMinutes(1), "Gateway/1"));
        Assert.Equal(AlarmState.ActiveUnacknowledged, back.Status.State);
    }

    [Fact]
    public void ResetLatched_Unacknowledged_AcknowledgesByResettingUser()
    {
        var result = AlarmMachine.Apply(Build("LatchedUnack"), AlarmEvent.ResetLatched(Now, "op", "breaker checked"));

        Assert.Equal(AlarmState.Normal, result.Status.State);
        Assert.Equal(("op", Now), (result.Status.AcknowledgedBy, result.Status.AcknowledgedAt));
    }

    [Fact]
    public void Replay_JournalOfBuiltStatus_GivesSameStatus()
    {
        var s = AlarmStatus.Initial(Latching);
        var journal = new List<AlarmJournalRecord>();
        AlarmEvent[] events =
        [
            AlarmEvent.ConditionActive(T0), AlarmEvent.Acknowledge(T0.AddMinutes(1), "op"),
            AlarmEvent.Shelve(T0.AddMinutes(2), "op", "r", T0.AddMinutes(30)), AlarmEvent.ConditionClear(T0.AddMinutes(40)),
            AlarmEvent.ResetLatched(T0.AddMinutes(41), "op"),
        ];
        foreach (var e in events)
        {
            var r = AlarmMachine.Apply(s, e);
            journal.AddRange(r.Records);
            s = r.Status;
        }

        var replay = AlarmMachine.Replay(Latching, journal);

        Assert.True(replay.Ok, replay.Error);
        Assert.Equal(s, replay.Status);
        Assert.Equal(6, journal.Count); // the shelf expiry is its own record
    }

    [Fact]
    public void Replay_PriorityReconfigured_StillReplays()
    {
        var r = AlarmMachine.Apply(AlarmStatus.Initial(Plain), AlarmEvent.ConditionActive(T0));

        var replay = AlarmMachine.Replay(Plain with { Priority = AlarmPriority.High }, r.Records);

        Assert.True(replay.Ok, replay.Error);
        Assert.Equal(AlarmState.ActiveUnacknowledged, replay.Status.State);
    }

    [Fact]
    public void Replay_TamperedRecord_ReportsError()
    {
        var r = AlarmMachine.Apply(AlarmStatus.Initial(Plain), AlarmEvent.ConditionActive(T0));
        var tampered = r.Records[0] with { To = AlarmState.ActiveAcknowledged };

        var replay = AlarmMachine.Replay(Plain, [tampered]);

        Assert.False(replay.Ok);
        Assert.Contains("does not replay", replay.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CopyTo_Entity_MirrorsStatus()
    {
        var s = AlarmMachine.Apply(Build("ActiveUnack"), AlarmEvent.Acknowledge(Now, "op")).Status;
        var entity = new Alarm();

        s.CopyTo(entity);

        Assert.Equal((AlarmSourceKind.Meter, 7, AlarmCondition.CommunicationLost, AlarmPriority.Medium, AlarmState.ActiveAcknowledged, "op"),
            (entity.SourceKind, entity.SourceId, entity.Condition, entity.Priority, entity.State, entity.AcknowledgedBy));
        Assert.Equal(T0.AddMinutes(1), entity.ActivatedAt);
    }
}
