using System.Collections.Concurrent;

namespace Prepaid.App.Kernel.Ledger;

/// <summary>
/// One gate per account in this process. Rules that depend on the balance (a refund not above it, the hoarding
/// limit) are checked and posted under the account's gate, so two cashiers, a payment callback and the billing
/// run cannot both pass a check that only one of them should. The platform runs as one server per site
/// (Domain/README.md); the database's unique idempotency key still guards against a second process.
/// </summary>
public sealed class AccountLocks
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

    public async Task<IDisposable> EnterAsync(int accountId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(accountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
