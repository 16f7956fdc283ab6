using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Notes.Storage;

internal static class StorageServices
{
    public static IServiceCollection AddNotesStorage(this IServiceCollection services)
    {
        // Read through IConfiguration (environment variables included) when first resolved, so settings a test host
        // adds after Program's builder code still apply.
        services.AddOptions<StorageOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (configuration[StorageOptions.DataDirectoryVariable] is { Length: > 0 } directory)
                options.DataDirectory = directory;
        });
        services.TryAddSingleton(TimeProvider.System);
        // Singleton: it owns the anchor connection and is disposed with the host, which checkpoints the WAL.
        services.AddSingleton<NotesDatabase>();
        services.AddSingleton<NoteStore>();
        return services;
    }
}
