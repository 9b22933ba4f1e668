using Microsoft.EntityFrameworkCore;

namespace Prepaid.App.Persistence;

/// <summary>SQL Server flavour of the model: exact decimal(18,4) for money and energy.</summary>
public sealed class SqlServerDb(DbContextOptions<SqlServerDb> options) : PrepaidDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
}
