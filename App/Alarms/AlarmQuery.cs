using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms;

/// <summary>What the operator filters the active list by; null or empty means any.</summary>
public sealed record AlarmFilter(AlarmPriority? Priority = null, AlarmCondition? Condition = null, AlarmSourceKind? SourceKind = null, AlarmState? State = null, string? Source = null);

/// <summary>What the history is searched by: a period [From, To) and the same fields, plus the user.</summary>
public sealed record AlarmHistoryFilter(
    DateTimeOffset From, DateTimeOffset To, AlarmPriority? Priority = null, AlarmCondition? Condition = null,
    AlarmSourceKind? SourceKind = null, AlarmState? State = null, string? Source = null, string? User = null);

/// <summary>One alarm as the active list shows it.</summary>
public sealed record AlarmRow(
    long Id, AlarmKey Key, string SourceName, AlarmPriority Priority, AlarmState State, bool ConditionActive, bool NeedsAcknowledgement,
    DateTimeOffset ActivatedAt, DateTimeOffset? ReturnedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy,
    string? ShelvedBy, string? ShelveReason, DateTimeOffset? ShelvedUntil, string? SuppressedBy, string? Permit, string? Message, bool Chattering);

/// <summary>One journaled transition as the history shows it.</summary>
public sealed record AlarmHistoryRow(AlarmJournalEntry Entry, string SourceName);

/// <summary>Read side of the alarms: the active list, the journal's history and the KPIs, with source names.</summary>
public sealed class AlarmQuery(IDbContextFactory<PrepaidDb> factory, TimeProvider time, IOptions<AlarmOptions> options)
{
    private readonly ConcurrentDictionary<AlarmSource, string> _names = new();

    /// <summary>Every alarm not in the normal state, highest priority first, then newest first.</summary>
    public async Task<IReadOnlyList<AlarmRow>> ActiveAsync(AlarmFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var q = db.Alarms.AsNoTracking().Where(a => a.State != AlarmState.Normal);
        if (filter.Priority is { } p)
        {
            q = q.Where(a => a.Priority == p);
        }

        if (filter.Condition is { } c)
        {
            q = q.Where(a => a.Condition == c);
        }

        if (filter.SourceKind is { } k)
        {
            q = q.Where(a => a.SourceKind == k);
        }

        if (filter.State is { } s)
        {
            q = q.Where(a => a.State == s);
        }

        var rows = await q.ToListAsync(cancellationToken);
        await EnsureNamesAsync(db, rows.Select(r => new AlarmSource(r.SourceKind, r.SourceId)), cancellationToken);
        var now = time.GetUtcNow();
        return rows
            .Select(r => ToRow(r, now))
            .Where(r => Matches(r.SourceName, filter.Source))
            .OrderByDescending(r => r.Priority).ThenByDescending(r => r.ActivatedAt).ThenBy(r => r.Id)
            .ToList();
    }

    /// <summary>The journal in a period, newest first, at most <see cref="AlarmOptions.MaxHistoryRows"/> rows.</summary>
    public async Task<IReadOnlyList<AlarmHistoryRow>> HistoryAsync(AlarmHistoryFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var q = db.AlarmJournal.AsNoTracking().Where(j => j.At >= filter.From && j.At < filter.To);
        if (filter.Priority is { } p)
        {
            q = q.Where(j => j.Priority == p);
        }

        if (filter.Condition is { } c)
        {
            q = q.Where(j => j.Condition == c);
        }

        if (filter.SourceKind is { } k)
        {
            q = q.Where(j => j.SourceKind == k);
        }

        if (filter.State is { } s)
        {
            q = q.Where(j => j.ToState == s);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var pattern = LikePattern.Contains(filter.User.Trim());
            q = q.Where(j => j.User != null && EF.Functions.Like(j.User, pattern, LikePattern.Escape));
        }

        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            await LoadAllNamesAsync(db, cancellationToken);
            var matching = _names.Where(n => Matches(n.Value, filter.Source)).Select(n => n.Key).ToList();
            var meters = matching.Where(m => m.Kind == AlarmSourceKind.Meter).Select(m => m.Id).ToList();
            var buses = matching.Where(m => m.Kind == AlarmSourceKind.Bus).Select(m => m.Id).ToList();
            var gateways = matching.Where(m => m.Kind == AlarmSourceKind.Gateway).Select(m => m.Id).ToList();
            var sites = matching.Where(m => m.Kind == AlarmSourceKind.Site).Select(m => m.Id).ToList();
            q = q.Where(j => (j.SourceKind == AlarmSourceKind.Meter && meters.Contains(j.SourceId))
                || (j.SourceKind == AlarmSourceKind.Bus && buses.Contains(j.SourceId))
                || (j.SourceKind == AlarmSourceKind.Gateway && gateways.Contains(j.SourceId))
                || (j.SourceKind == AlarmSourceKind.Site && sites.Contains(j.SourceId)));
        }

        var entries = await q.OrderByDescending(j => j.At).ThenByDescending(j => j.Id).Take(options.Value.MaxHistoryRows).ToListAsync(cancellationToken);
        await EnsureNamesAsync(db, entries.Select(e => new AlarmSource(e.SourceKind, e.SourceId)), cancellationToken);
        return entries.Select(e => new AlarmHistoryRow(e, NameOf(new AlarmSource(e.SourceKind, e.SourceId)))).ToList();
    }

    /// <summary>The KPIs of [from, to) from the journal, with the history that standing and chattering alarms need.</summary>
    public async Task<AlarmKpiReport> KpiAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Standing alarms need their activation; a month before the period is far more than the 24 hours that matter.
        var since = from.AddDays(-31);
        var records = (await db.AlarmJournal.AsNoTracking().Where(j => j.At >= since && j.At < to).ToListAsync(cancellationToken))
            .OrderBy(j => j.AlarmId).ThenBy(j => j.Sequence).Select(j => j.ToRecord()).ToList();
        var report = AlarmKpi.Compute(records, from, to);
        // Every source the KPIs list, so NameOf names them (the report prints top alarms, standing and chattering too).
        await EnsureNamesAsync(db, report.TopSources.Select(t => t.Source).Concat(report.TopAlarms.Select(a => a.Key.Source))
            .Concat(report.Standing.Select(s => s.Key.Source)).Concat(report.Chattering.Select(c => c.Key.Source)).Distinct(), cancellationToken);
        return report;
    }

    /// <summary>The site's time zone for display.</summary>
    public async Task<TimeZoneInfo> SiteZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
    }

    /// <summary>The display name of a source (meter, bus, gateway or site name), or its kind and id when unknown.</summary>
    public string NameOf(AlarmSource source) => _names.GetValueOrDefault(source) ?? source.ToString();

    /// <summary>Loads names of sources not seen before (one query per kind).</summary>
    public async Task EnsureNamesAsync(IEnumerable<AlarmSource> sources, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await EnsureNamesAsync(db, sources, cancellationToken);
    }

    private async Task EnsureNamesAsync(PrepaidDb db, IEnumerable<AlarmSource> sources, CancellationToken cancellationToken)
    {
        if (sources.Any(s => !_names.ContainsKey(s)))
        {
            await LoadAllNamesAsync(db, cancellationToken);
        }
    }

    private async Task LoadAllNamesAsync(PrepaidDb db, CancellationToken cancellationToken)
    {
        foreach (var m in await db.Meters.AsNoTracking().Select(m => new { m.Id, m.Name }).ToListAsync(cancellationToken))
        {
            _names[new AlarmSource(AlarmSourceKind.Meter, m.Id)] = m.Name;
        }

        foreach (var b in await db.Buses.AsNoTracking().Select(b => new { b.Id, b.Name }).ToListAsync(cancellationToken))
        {
            _names[new AlarmSource(AlarmSourceKind.Bus, b.Id)] = b.Name;
        }

        foreach (var g in await db.Gateways.AsNoTracking().Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
        {
            _names[new AlarmSource(AlarmSourceKind.Gateway, g.Id)] = g.Name;
        }

        foreach (var s in await db.Sites.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
        {
            _names[new AlarmSource(AlarmSourceKind.Site, s.Id)] = s.Name;
        }
    }

    private static bool Matches(string name, string? text) =>
        string.IsNullOrWhiteSpace(text) || name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase);

    private AlarmRow ToRow(Alarm a, DateTimeOffset now)
    {
        var hidden = a.ShelvedUntil is not null || a.SuppressedBy is not null || a.OutOfServicePermit is not null;
        return new AlarmRow(a.Id, new AlarmKey(a.SourceKind, a.SourceId, a.Condition), NameOf(new AlarmSource(a.SourceKind, a.SourceId)),
            a.Priority, a.State, a.ConditionActive, a.Unacknowledged && !hidden, a.ActivatedAt, a.ReturnedAt, a.AcknowledgedAt, a.AcknowledgedBy,
            a.ShelvedBy, a.ShelveReason, a.ShelvedUntil, a.SuppressedBy, a.OutOfServicePermit, a.Message,
            a.LastChatterAt is { } c && now - c < options.Value.ChatterHold);
    }
}
