using System.Security.Claims;
using Prepaid.App.Identity;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

namespace Prepaid.App.Alarms;

/// <summary>An operator action that cannot be done as asked; <see cref="Code"/> names the localized message.</summary>
public sealed class AlarmActionException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

public sealed partial class AlarmService
{
    /// <summary>
    /// Acknowledges the given alarms that need it (the others are skipped) and returns how many were acknowledged.
    /// A single alarm that needs nothing is refused with the reason.
    /// </summary>
    public async Task<int> AcknowledgeAsync(ClaimsPrincipal actor, IReadOnlyCollection<long> alarmIds, string? comment, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.AcknowledgeAlarms);
        var user = UserOf(actor);
        comment = Comment(comment);
        var count = 0;
        await RunAsync((changes, _) =>
        {
            var now = time.GetUtcNow();
            foreach (var alarm in Find(alarmIds))
            {
                var transition = AlarmMachine.Apply(alarm.Status, AlarmEvent.Acknowledge(Latest(now, alarm.Status.LastEventAt), user, comment));
                if (alarmIds.Count == 1 && transition.IsRefused)
                {
                    throw Refused(transition);
                }

                count += Apply(alarm, changes, transition) ? 1 : 0;
            }

            return Task.CompletedTask;
        }, cancellationToken);
        return count;
    }

    /// <summary>Acknowledges every active alarm that matches the operator's filter (as the active list shows it).</summary>
    public async Task<int> AcknowledgeMatchingAsync(ClaimsPrincipal actor, AlarmFilter filter, string? comment, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.AcknowledgeAlarms);
        var ids = (await query.ActiveAsync(filter, cancellationToken)).Where(a => a.NeedsAcknowledgement).Select(a => a.Id).ToList();
        return ids.Count == 0 ? 0 : await AcknowledgeAsync(actor, ids, comment, cancellationToken);
    }

    /// <summary>Shelves one alarm until <paramref name="until"/> (at most <see cref="AlarmOptions.MaxShelve"/> ahead), with a reason.</summary>
    public Task ShelveAsync(ClaimsPrincipal actor, long alarmId, string reason, DateTimeOffset until, string? comment, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ShelveAlarms);
        var user = UserOf(actor);
        reason = Required(reason, 500, "Reason", "Shelving needs a reason of 1 to 500 characters.");
        comment = Comment(comment);
        return OneAsync(alarmId, now =>
        {
            if (until <= now)
            {
                throw new AlarmActionException("Expiry", "The shelf must end in the future.");
            }

            if (until - now > options.Value.MaxShelve)
            {
                throw new AlarmActionException("ExpiryTooLong", $"A shelf may last at most {options.Value.MaxShelve}.");
            }

            return AlarmEvent.Shelve(now, user, reason, until, comment);
        }, cancellationToken);
    }

    /// <summary>Takes one alarm off the shelf before its expiry.</summary>
    public Task UnshelveAsync(ClaimsPrincipal actor, long alarmId, string? comment, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ShelveAlarms);
        var user = UserOf(actor);
        comment = Comment(comment);
        return OneAsync(alarmId, now => AlarmEvent.Unshelve(now, user, comment), cancellationToken);
    }

    /// <summary>Resets a latched alarm (the operator's decision after looking); acknowledges it too.</summary>
    public Task ResetAsync(ClaimsPrincipal actor, long alarmId, string? comment, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.AcknowledgeAlarms);
        var user = UserOf(actor);
        comment = Comment(comment);
        return OneAsync(alarmId, now => AlarmEvent.ResetLatched(now, user, comment), cancellationToken);
    }

    /// <summary>Removes one alarm from service for maintenance under a permit reference.</summary>
    public Task RemoveFromServiceAsync(ClaimsPrincipal actor, long alarmId, string permit, string? comment, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ShelveAlarms);
        var user = UserOf(actor);
        permit = Required(permit, 100, "Permit", "A permit reference of 1 to 100 characters is needed.");
        comment = Comment(comment);
        return OneAsync(alarmId, now => AlarmEvent.RemoveFromService(now, user, permit, comment), cancellationToken);
    }

    /// <summary>Returns one alarm to service, closing its permit.</summary>
    public Task ReturnToServiceAsync(ClaimsPrincipal actor, long alarmId, string permit, string? comment, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ShelveAlarms);
        var user = UserOf(actor);
        permit = Required(permit, 100, "Permit", "A permit reference of 1 to 100 characters is needed.");
        comment = Comment(comment);
        return OneAsync(alarmId, now => AlarmEvent.ReturnToService(now, user, permit, comment), cancellationToken);
    }

    private Task OneAsync(long alarmId, Func<DateTimeOffset, AlarmEvent> build, CancellationToken cancellationToken) =>
        RunAsync((changes, _) =>
        {
            var alarm = Find([alarmId]).Single();
            var transition = AlarmMachine.Apply(alarm.Status, build(Latest(time.GetUtcNow(), alarm.Status.LastEventAt)));
            if (transition.IsRefused)
            {
                throw Refused(transition);
            }

            Apply(alarm, changes, transition);
            return Task.CompletedTask;
        }, cancellationToken);

    private List<TrackedAlarm> Find(IReadOnlyCollection<long> ids)
    {
        var wanted = ids.ToHashSet();
        var found = _alarms.Values.Where(a => wanted.Contains(a.Id)).ToList();
        if (found.Count != wanted.Count)
        {
            throw new AlarmActionException("Unknown", "No such alarm (it may have been removed).");
        }

        return found;
    }

    private static AlarmActionException Refused(AlarmTransition transition) =>
        new(transition.Refusal.ToString(), transition.Message ?? transition.Refusal.ToString());

    private static string UserOf(ClaimsPrincipal actor) =>
        actor.Identity?.Name is { Length: > 0 } name ? name : throw new AlarmActionException("MissingUser", "The action needs a signed-in user.");

    private static string? Comment(string? comment)
    {
        comment = comment?.Trim();
        if (comment is { Length: > 500 })
        {
            throw new AlarmActionException("Comment", "A comment may have at most 500 characters.");
        }

        return string.IsNullOrEmpty(comment) ? null : comment;
    }

    private static string Required(string? text, int max, string code, string message)
    {
        text = text?.Trim();
        return string.IsNullOrEmpty(text) || text.Length > max ? throw new AlarmActionException(code, message) : text;
    }
}
