using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Live;

/// <summary>Every meter's current state in memory, loaded once from the database and then fed by the reading processor.</summary>
public sealed class LiveStateCache(IDbContextFactory<PrepaidDb> factory, LiveStateNotifier notifier)
{
    private readonly ConcurrentDictionary<int, MeterSnapshot> _states = new();
    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile bool _loaded;

    public async Task<IReadOnlyCollection<MeterSnapshot>> AllAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        return [.. _states.Values];
    }

    public async Task<MeterSnapshot?> GetAsync(int meterId, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        return _states.GetValueOrDefault(meterId);
    }

    /// <summary>Takes the states a processed batch wrote and tells subscribers which meters changed.</summary>
    public void Apply(IEnumerable<MeterLiveState> states)
    {
        var changed = new List<int>();
        foreach (var state in states)
        {
            var snapshot = MeterSnapshot.From(state);
            if (!_states.TryGetValue(state.MeterId, out var old) || old != snapshot)
            {
                _states[state.MeterId] = snapshot;
                changed.Add(state.MeterId);
            }
        }

        notifier.Publish(changed);
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _load.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                foreach (var state in await db.MeterLiveStates.AsNoTracking().ToListAsync(cancellationToken))
                {
                    // A newer state applied while loading wins over the stored one.
                    _states.TryAdd(state.MeterId, MeterSnapshot.From(state));
                }

                _loaded = true;
            }
        }
        finally
        {
            _load.Release();
        }
    }
}
