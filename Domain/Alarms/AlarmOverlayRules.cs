using static Prepaid.Domain.Alarms.AlarmDecision;

namespace Prepaid.Domain.Alarms;

/// <summary>
/// The overlay rules of <see cref="AlarmMachine"/>: shelve (user, reason, future expiry), suppress by design (with the
/// suppressing source) and out of service (user, permit). When the last overlay ends the alarm takes the state its
/// condition implies (<see cref="AlarmDecision.Reveal"/>).
/// </summary>
internal static class AlarmOverlayRules
{
    /// <summary>An operator shelves an annunciated alarm until a future expiry.</summary>
    public static AlarmDecision Shelve(AlarmStatus s, AlarmEvent e)
    {
        var at = e.At;
        if (Blank(e.User))
        {
            return No(AlarmRefusal.MissingUser, "Shelving needs the user.");
        }

        if (Blank(e.Reason))
        {
            return No(AlarmRefusal.MissingReason, "Shelving needs a reason.");
        }

        if (e.Expiry is not { } expiry)
        {
            return No(AlarmRefusal.MissingExpiry, "Shelving needs an expiry.");
        }

        if (expiry <= at)
        {
            return No(AlarmRefusal.ExpiryNotInFuture, Invariant($"The shelf expiry {expiry:O} is not after {at:O}."));
        }

        if (s.IsHidden)
        {
            return No(AlarmRefusal.NotShelvable, Invariant($"Only an annunciated alarm can be shelved; it is {Describe(s)}."));
        }

        return new AlarmDecision(s with { ShelvedBy = e.User, ShelveReason = e.Reason, ShelvedUntil = expiry }, false);
    }

    /// <summary>An operator ends a shelf early.</summary>
    public static AlarmDecision Unshelve(AlarmStatus s, AlarmEvent e)
    {
        if (Blank(e.User))
        {
            return No(AlarmRefusal.MissingUser, "Unshelving needs the user.");
        }

        return s.IsShelved
            ? Reveal(s with { ShelvedBy = null, ShelveReason = null, ShelvedUntil = null })
            : No(AlarmRefusal.NotShelved, Invariant($"The alarm is not shelved; it is {Describe(s)}."));
    }

    /// <summary>A shelf reached its expiry.</summary>
    public static AlarmDecision ShelveExpired(AlarmStatus s, AlarmEvent e)
    {
        var at = e.At;
        if (s.ShelvedUntil is not { } until)
        {
            return No(AlarmRefusal.NotShelved, Invariant($"The alarm is not shelved; it is {Describe(s)}."));
        }

        return at < until
            ? No(AlarmRefusal.ShelfNotDue, Invariant($"The shelf expires at {until:O}, not yet at {at:O}."))
            : Reveal(s with { ShelvedBy = null, ShelveReason = null, ShelvedUntil = null });
    }

    /// <summary>Suppressed by design by another source (one at a time).</summary>
    public static AlarmDecision Suppress(AlarmStatus s, AlarmEvent e)
    {
        if (Blank(e.SuppressedBy))
        {
            return No(AlarmRefusal.MissingSource, "Suppression needs the suppressing source.");
        }

        if (s.SuppressedBy == e.SuppressedBy)
        {
            return NoChange;
        }

        return s.IsSuppressed
            ? No(AlarmRefusal.SuppressedByOther, Invariant($"Already suppressed by {s.SuppressedBy}."))
            : new AlarmDecision(s with { SuppressedBy = e.SuppressedBy }, false);
    }

    /// <summary>The suppressing source ended its suppression.</summary>
    public static AlarmDecision Unsuppress(AlarmStatus s, AlarmEvent e)
    {
        if (Blank(e.SuppressedBy))
        {
            return No(AlarmRefusal.MissingSource, "Ending a suppression needs the suppressing source.");
        }

        if (!s.IsSuppressed)
        {
            return NoChange;
        }

        return s.SuppressedBy != e.SuppressedBy
            ? No(AlarmRefusal.SuppressedByOther, Invariant($"Suppressed by {s.SuppressedBy}, not by {e.SuppressedBy}."))
            : Reveal(s with { SuppressedBy = null });
    }

    /// <summary>Removed from service under a permit; ends a shelf.</summary>
    public static AlarmDecision RemoveFromService(AlarmStatus s, AlarmEvent e)
    {
        if (Blank(e.User))
        {
            return No(AlarmRefusal.MissingUser, "Removing from service needs the user.");
        }

        if (Blank(e.Permit))
        {
            return No(AlarmRefusal.MissingPermit, "Removing from service needs a permit reference.");
        }

        return s.IsOutOfService
            ? No(AlarmRefusal.AlreadyOutOfService, Invariant($"Already out of service under permit {s.OutOfServicePermit}."))
            : new AlarmDecision(s with
            {
                OutOfServicePermit = e.Permit,
                OutOfServiceBy = e.User,
                ShelvedBy = null,
                ShelveReason = null,
                ShelvedUntil = null,
            }, false);
    }

    /// <summary>Returned to service under the same permit.</summary>
    public static AlarmDecision ReturnToService(AlarmStatus s, AlarmEvent e)
    {
        if (Blank(e.User))
        {
            return No(AlarmRefusal.MissingUser, "Returning to service needs the user.");
        }

        if (Blank(e.Permit))
        {
            return No(AlarmRefusal.MissingPermit, "Returning to service needs the permit reference.");
        }

        if (!s.IsOutOfService)
        {
            return No(AlarmRefusal.NotOutOfService, Invariant($"The alarm is in service; it is {Describe(s)}."));
        }

        return s.OutOfServicePermit != e.Permit
            ? No(AlarmRefusal.PermitMismatch, Invariant($"Out of service under permit {s.OutOfServicePermit}, not {e.Permit}."))
            : Reveal(s with { OutOfServicePermit = null, OutOfServiceBy = null });
    }
}
