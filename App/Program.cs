using Prepaid.App.Hosting;

return await PrepaidCommandLine.InvokeAsync(args);

/// <summary>Entry point; public so that integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
