using Prepaid.Domain.Model;
using static Prepaid.Domain.Alarms.AlarmDecision;

namespace Prepaid.Domain.Alarms;

/// <summary>
/// The base-state rules of <see cref="AlarmMachine"/>: what the condition, an acknowledgement and a latch reset do,
/// and the dispatch of every event kind (the overlays' rules are in <see cref="AlarmOverlayRules"/>).
/// </summary>
internal static class AlarmConditionRules
{
    /// <summary>What <paramref name="e"/> does to <paramref name="s"/>, before it is recorded.</summary>
    public static AlarmDecision Decide(AlarmStatus s, AlarmEvent e) => e.Kind switch
    {
        AlarmEventKind.ConditionActive => ConditionActive(s, e),
        AlarmEventKind.ConditionClear => ConditionClear(s, e),
        AlarmEventKind.Acknowledge => Acknowledge(s, e),
        AlarmEventKind.Shelve => AlarmOverlayRules.Shelve(s, e),
        AlarmEventKind.Unshelve => AlarmOverlayRules.Unshelve(s, e),
        AlarmEventKind.ShelveExpired => AlarmOverlayRules.ShelveExpired(s, e),
        AlarmEventKind.Suppress => AlarmOverlayRules.Suppress(s, e),
        AlarmEventKind.Unsuppress => AlarmOverlayRules.Unsuppress(s, e),
        AlarmEventKind.RemoveFromService => AlarmOverlayRules.RemoveFromService(s, e),
        AlarmEventKind.ReturnToService => AlarmOverlayRules.ReturnToService(s, e),
        AlarmEventKind.ResetLatched => ResetLatched(s, e),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "Unknown alarm event kind."),
    };

    /// <summary>The condition became active: annunciated unless an overlay hides it.</summary>
    public static AlarmDecision ConditionActive(AlarmStatus s, AlarmEvent e)
    {
        var at = e.At;
        if (s.ConditionActive)
        {
            return NoChange;
        }

        var next = s with { ConditionActive = true, ActivatedAt = at, ReturnedAt = null };
        return s.IsHidden ? new AlarmDecision(next, false) : new AlarmDecision(Annunciate(next), true);
    }

    /// <summary>The condition cleared: a visible latching alarm latches.</summary>
    public static AlarmDecision ConditionClear(AlarmStatus s, AlarmEvent e)
    {
        var at = e.At;
        if (!s.ConditionActive)
        {
            return NoChange;
        }

        var next = s with { ConditionActive = false, ReturnedAt = at };
        if (!s.IsHidden && s.Definition.Latching)
        {
            next = next with { LatchPending = true };
        }

        return new AlarmDecision(next, false);
    }

    /// <summary>An operator acknowledges the current activation.</summary>
    public static AlarmDecision Acknowledge(AlarmStatus s, AlarmEvent e)
    {
        var at = e.At;
        if (Blank(e.User))
        {
            return No(AlarmRefusal.MissingUser, "Acknowledging needs the user.");
        }

        if (!s.NeedsAcknowledgement)
        {
            return No(AlarmRefusal.NotAcknowledgeable, Invariant($"Nothing to acknowledge: the alarm is {Describe(s)}."));
        }

        return new AlarmDecision(s with { Unacknowledged = false, AcknowledgedAt = at, AcknowledgedBy = e.User }, false);
    }

    /// <summary>An operator resets a latched alarm (and acknowledges it).</summary>
    public static AlarmDecision ResetLatched(AlarmStatus s, AlarmEvent e)
    {
        var at = e.At;
        if (Blank(e.User))
        {
            return No(AlarmRefusal.MissingUser, "Resetting needs the user.");
        }

        if (s.State != Model.AlarmState.Latched)
        {
            return No(AlarmRefusal.NotLatched, Invariant($"Only a latched alarm can be reset; it is {Describe(s)}."));
        }

        return new AlarmDecision(s with
        {
            LatchPending = false,
            Unacknowledged = false,
            AcknowledgedAt = s.Unacknowledged ? at : s.AcknowledgedAt,
            AcknowledgedBy = s.Unacknowledged ? e.User : s.AcknowledgedBy,
        }, false);
    }
}
