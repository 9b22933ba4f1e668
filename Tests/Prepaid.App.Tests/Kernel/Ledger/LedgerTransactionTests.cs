using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Tests.Billing.MeterBilling;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Kernel.Ledger;

/// <summary>
/// What a post judges (the balance behind the hoarding limit and the refund check) and the receipt number it takes
/// are read inside the insert's transaction, so the rules hold against any other writer of the database, not only
/// against this process's account gate.
/// </summary>
public sealed class LedgerTransactionTests
{
    /// <summary>Every command the database ran, with whether it ran inside a transaction.</summary>
    private sealed class Recorder : DbCommandInterceptor
    {
        public ConcurrentQueue<(string Sql, bool InTransaction)> Commands { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue((command.CommandText, command.Transaction is not null));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue((command.CommandText, command.Transaction is not null));
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task Post_WithPreconditionAndReceipt_ReadsTheBalanceAndTheNextNumberInsideTheInsertsTransaction()
    {
        await using var world = await BillingWorld.CreateAsync();
        int accountId;
        await using (var db = world.Database.CreateDbContext())
        {
            (_, accountId) = await world.AddAccountAsync(db, "T1");
        }

        var recorder = new Recorder();
        var ledger = new LedgerService(new PooledSqliteFactory(world.Database.Folder, recorder), new AccountLocks(),
            new LedgerNotifier(TimeProvider.System, NullLogger<LedgerNotifier>.Instance), world.Clock);
        decimal? judged = null;

        await ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.Recharge, 100m, "order:T1", "cashier", PaymentMethod.Cash), default,
            precondition: balance => judged = balance,
            alongside: (db, entry, ct) => ReceiptBook.AddNextAsync(db, entry, "order:T1", TimeZoneInfo.Utc, ct));

        Assert.Equal(0m, judged);
        var balance = Assert.Single(recorder.Commands, c => c.Sql.Contains("SUM", StringComparison.OrdinalIgnoreCase) && c.Sql.Contains("LedgerEntries", StringComparison.Ordinal));
        var receipt = Assert.Single(recorder.Commands, c => c.Sql.Contains("MAX", StringComparison.OrdinalIgnoreCase) && c.Sql.Contains("Receipts", StringComparison.Ordinal));
        Assert.True(balance.InTransaction, "the balance the precondition judged was read outside the transaction");
        Assert.True(receipt.InTransaction, "the receipt number was read outside the transaction");
        Assert.All(recorder.Commands, c => Assert.True(c.InTransaction, c.Sql));
    }
}
