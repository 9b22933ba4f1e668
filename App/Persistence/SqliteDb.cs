using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Prepaid.App.Persistence;

/// <summary>
/// SQLite flavour of the model. SQLite has no exact decimal type and cannot order or compare
/// DateTimeOffset, so money and energy become integers of 1/10000 and instants become UTC ticks.
/// </summary>
public sealed class SqliteDb(DbContextOptions<SqliteDb> options) : PrepaidDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<ScaledDecimalConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
