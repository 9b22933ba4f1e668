using Microsoft.EntityFrameworkCore;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms;

public sealed partial class AlarmService
{
    /// <summary>The alarms one operation changed, with their new journal records in order.</summary>
    private sealed class Changes
    {
        private readonly List<(TrackedAlarm Alarm, List<AlarmJournalRecord> Records)> _items = [];

        public int Count => _items.Count;

        public IEnumerable<(TrackedAlarm Alarm, List<AlarmJournalRecord> Records)> Items => _items;

        public void Add(TrackedAlarm alarm, IReadOnlyList<AlarmJournalRecord> records)
        {
            var index = _items.FindIndex(i => ReferenceEquals(i.Alarm, alarm));
            if (index < 0)
            {
                _items.Add((alarm, [.. records]));
            }
            else
            {
                _items[index].Records.AddRange(records);
            }
        }
    }

    /// <summary>Runs one change under the gate, saves it in one transaction and tells the subscribers.</summary>
    private async Task RunAsync(Func<Changes, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        var changes = new Changes();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            try
            {
                await change(changes, cancellationToken);
                if (changes.Count > 0)
                {
                    await SaveAsync(changes, cancellationToken);
                }
            }
            catch
            {
                // Memory may be ahead of the database now: drop it; the next call reloads what was stored.
                _loaded = false;
                _alarms.Clear();
                throw;
            }

            if (changes.Count > 0)
            {
                Annunciate();
            }
        }
        finally
        {
            _gate.Release();
        }

        if (changes.Count > 0)
        {
            notifier.Publish();
        }
    }

    private async Task SaveAsync(Changes changes, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = changes.Items.Where(i => i.Alarm.Id != 0).Select(i => i.Alarm.Id).ToList();
        var rows = await db.Alarms.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var added = new List<(TrackedAlarm Alarm, Alarm Row)>();
        foreach (var (alarm, _) in changes.Items)
        {
            if (!rows.TryGetValue(alarm.Id, out var row))
            {
                row = new Alarm { SiteId = _siteId };
                db.Alarms.Add(row);
                added.Add((alarm, row));
            }

            alarm.CopyTo(row);
            if (row.ActivatedAt == default && alarm.Status.LastEventAt is { } first)
            {
                // Suppressed before it ever activated: the row still needs a time to sort by.
                row.ActivatedAt = first;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (alarm, row) in added)
        {
            alarm.Id = row.Id;
        }

        foreach (var (alarm, records) in changes.Items)
        {
            db.AlarmJournal.AddRange(records.Select(r => AlarmJournalEntry.From(alarm.Id, r)));
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Drops what memory holds and loads the stored alarms again: after another writer (the demo history's own
    /// engine on its simulated clock) wrote alarms this instance may have cached before.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _loaded = false;
            _alarms.Clear();
            await EnsureLoadedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        notifier.Publish();
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            _siteId = await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            foreach (var row in await db.Alarms.AsNoTracking().ToListAsync(cancellationToken))
            {
                var alarm = TrackedAlarm.FromRow(row);
                _alarms[alarm.Key] = alarm;
            }
        }

        _suppressed = await SuppressionAsync(cancellationToken);
        _loaded = true;
        Annunciate();
    }

    private void Annunciate()
    {
        var waiting = _alarms.Values
            .Where(a => a.Status.NeedsAcknowledgement && a.Status.Definition.Priority >= AlarmPriority.Medium)
            .ToList();
        // ISA-18.2: the most important alarm first, the newest among equals; a newer alarm of lower priority never
        // covers a higher one that still waits.
        var top = waiting.OrderByDescending(a => a.Status.Definition.Priority).ThenByDescending(a => a.Status.ActivatedAt ?? a.Status.LastEventAt).FirstOrDefault();
        _annunciation = top is null
            ? AlarmAnnunciation.None
            : new AlarmAnnunciation(waiting.Count, top.Key, top.Message, top.Status.ActivatedAt, top.Status.Definition.Priority);
    }
}
