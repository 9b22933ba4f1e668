using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
namespace Prepaid.App.Tests.Persistence;

public sealed class MigrationsTests
{
    [Fact]
    public void SqliteModel_ComparedWithSnapshot_HasNoPendingChanges()
    {
        using var db = new SqliteDb(new DbContextOptionsBuilder<SqliteDb>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The SQLite model differs from its migrations: run 'dotnet ef migrations add <Name> --project App --context SqliteDb --output-dir Persistence/Migrations/Sqlite'.");
    }

    [Fact]
    public void SqlServerModel_ComparedWithSnapshot_HasNoPendingChanges()
    {
        // Comparing the model with the snapshot needs no server.
        using var db = new SqlServerDb(new DbContextOptionsBuilder<SqlServerDb>().UseSqlServer("Server=localhost;Database=Unused;TrustServerCertificate=True").Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The SQL Server model differs from its migrations: run 'dotnet ef migrations add <Name> --project App --context SqlServerDb --output-dir Persistence/Migrations/SqlServer'.");
    }

    [Fact]
    public void SqlServerMigrations_Script_StoresMoneyAsDecimal18Scale4()
    {
        using var db = new SqlServerDb(new DbContextOptionsBuilder<SqlServerDb>().UseSqlServer("Server=localhost;Database=Unused;TrustServerCertificate=True").Options);

        var script = db.Database.GenerateCreateScript();

        Assert.Contains("[Amount] decimal(18,4) NOT NULL", script);
        Assert.DoesNotContain("float", script, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" real", script, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SqliteMigrations_Script_StoresMoneyAsScaledInteger()
    {
        using var db = new SqliteDb(new DbContextOptionsBuilder<SqliteDb>().UseSqlite("Data Source=:memory:").Options);

        var script = db.Database.GenerateCreateScript();

        Assert.Contains("\"Amount\" INTEGER NOT NULL", script);
        Assert.DoesNotContain(" REAL", script);
    }
}
