using System.Globalization;

namespace Prepaid.Domain.Alarms;

/// <summary>What one event does to an alarm: its next status (null: no change) and whether that annunciates, or why it is refused.</summary>
internal sealed record AlarmDecision(AlarmStatus? Next, bool Annunciated, AlarmRefusal Refusal = AlarmRefusal.None, string? Message = null)
{
    public static readonly AlarmDecision NoChange = new(null, false);

    public static AlarmDecision No(AlarmRefusal refusal, string message) => new(null, false, refusal, message);

    // A visible activation: unacknowledged, no latch, previous acknowledgement forgotten.
    public static AlarmStatus Annunciate(AlarmStatus s) =>
        s with { Unacknowledged = true, LatchPending = false, AcknowledgedAt = null, AcknowledgedBy = null };

    // An overlay ended: if none is left, take the state the condition implies.
    public static AlarmDecision Reveal(AlarmStatus s)
    {
        if (s.IsHidden)
        {
            return new AlarmDecision(s, false);
        }

        return s.ConditionActive
            ? new AlarmDecision(Annunciate(s), true)
            : new AlarmDecision(s with { Unacknowledged = false, LatchPending = false }, false);
    }

    public static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    public static string Describe(AlarmStatus s) => s.State.ToString();

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
