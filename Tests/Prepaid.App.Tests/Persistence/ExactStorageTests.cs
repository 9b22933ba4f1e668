using Microsoft.EntityFrameworkCore;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Persistence;

public sealed class ExactStorageTests
{
    [Theory]
    [InlineData("0.0001")]
    [InlineData("-0.0001")]
    [InlineData("123456789.1234")]
    [InlineData("0.1")]
    [InlineData("0.2")]
    public async Task LedgerAmount_SaveAndReload_IsExactlyTheSame(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        long id;
        await using (var db = database.CreateDbContext())
        {
            var account = await db.Accounts.FirstAsync();
            var entry = new LedgerEntry
            {
                AccountId = account.Id,
                Kind = LedgerEntryKind.Adjustment,
                Amount = amount,
                IdempotencyKey = "test:" + text,
                OccurredAt = TestTime.DefaultStart,
                RecordedBy = "test",
            };
            db.LedgerEntries.Add(entry);
            await db.SaveChangesAsync();
            id = entry.Id;
        }

        await using var reread = database.CreateDbContext();
        Assert.Equal(amount, (await reread.LedgerEntries.SingleAsync(e => e.Id == id)).Amount);
    }

    [Fact]
    public async Task LedgerAmount_FiveDecimals_IsRefusedNotRounded()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();
        var account = await db.Accounts.FirstAsync();
        db.LedgerEntries.Add(new LedgerEntry
        {
            AccountId = account.Id,
            Kind = LedgerEntryKind.Adjustment,
            Amount = 0.00005m,
            IdempotencyKey = "test:five-decimals",
            OccurredAt = TestTime.DefaultStart,
            RecordedBy = "test",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());

        Assert.Contains("more than 4 decimals", error.ToString());
    }

    [Fact]
    public async Task LedgerSum_InDatabase_EqualsSumOfEntriesInMemory()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();

        var entries = await db.LedgerEntries.ToListAsync();
        // SQLite sums the scaled integers; the converter turns the sum back into exact yuan.
        var sumInDatabase = await db.LedgerEntries.SumAsync(e => e.Amount);

        Assert.Equal(entries.Sum(e => e.Amount), sumInDatabase);
    }

    [Fact]
    public async Task LedgerEntry_DuplicateIdempotencyKey_IsRejectedByTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();
        var existing = await db.LedgerEntries.AsNoTracking().FirstAsync();
        db.LedgerEntries.Add(new LedgerEntry
        {
            AccountId = existing.AccountId,
            Kind = LedgerEntryKind.Recharge,
            Amount = 10m,
            PaymentMethod = PaymentMethod.Cash,
            IdempotencyKey = existing.IdempotencyKey,
            OccurredAt = TestTime.DefaultStart,
            RecordedBy = "test",
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task LedgerEntry_Modified_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();
        var entry = await db.LedgerEntries.FirstAsync();
        entry.Amount += 1m;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", error.Message);
    }

    [Fact]
    public async Task AuditEntry_Deleted_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", error.Message);
    }

    [Fact]
    public async Task Instants_SaveAndReload_KeepTheirUtcValueAndOrder()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();

        var newestFirst = await db.Accounts.OrderByDescending(a => a.OpenedAt).Select(a => a.OpenedAt).ToListAsync();

        Assert.Equal(newestFirst.OrderByDescending(x => x).ToList(), newestFirst);
        Assert.All(newestFirst, x => Assert.Equal(TimeSpan.Zero, x.Offset));
    }
}
