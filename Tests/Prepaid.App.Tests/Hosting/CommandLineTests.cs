using Microsoft.Data.Sqlite;
using Prepaid.App.Hosting;
namespace Prepaid.App.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Migrate_EmptyFolder_CreatesDatabaseWithSchemaAndNoSeed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var exit = await PrepaidCommandLine.InvokeAsync(["migrate", $"--Database:DataDirectory={folder}"], TextWriter.Null);

            Assert.Equal(0, exit);
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "prepaid.db")};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Meters";
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Migrate_RunTwice_SecondRunChangesNothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, await PrepaidCommandLine.InvokeAsync(["migrate", $"--Database:DataDirectory={folder}"], TextWriter.Null));
            var output = new StringWriter();

            Assert.Equal(0, await PrepaidCommandLine.InvokeAsync(["migrate", $"--Database:DataDirectory={folder}"], output));

            Assert.Contains("up to date", output.ToString());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
