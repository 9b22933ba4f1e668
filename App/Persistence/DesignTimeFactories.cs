using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Prepaid.App.Persistence;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteDb</c> build the model without starting the host.</summary>
internal sealed class SqliteDbDesignFactory : IDesignTimeDbContextFactory<SqliteDb>
{
    public SqliteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add --context SqlServerDb</c> build the model without a server.</summary>
internal sealed class SqlServerDbDesignFactory : IDesignTimeDbContextFactory<SqlServerDb>
{
    public SqlServerDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerDb>().UseSqlServer("Server=localhost;Database=Prepaid;TrustServerCertificate=True").Options);
}
