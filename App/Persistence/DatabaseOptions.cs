using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Persistence;

/// <summary>Which database engine the platform runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded file database, the default.</summary>
    Sqlite = 0,
    /// <summary>Microsoft SQL Server, for production sites.</summary>
    SqlServer = 1,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file when no <c>ConnectionStrings:Sqlite</c> is given; relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations on start. Null means the provider's default: on for SQLite, off for SQL Server.</summary>
    public bool? AutoMigrate { get; set; }

    public bool ShouldAutoMigrate => AutoMigrate ?? Provider == DatabaseProvider.Sqlite;
}
