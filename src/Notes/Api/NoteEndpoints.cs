using Microsoft.AspNetCore.Http.HttpResults;
using Notes.Storage;

namespace Notes.Api;

/// <summary><c>/notes</c>: create, list (newest first) and fetch one.</summary>
internal static class NoteEndpoints
{
    public static IEndpointRouteBuilder MapNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var notes = app.MapGroup("/notes");
        // Malformed JSON, a missing body and a non-JSON content type are refused by parameter binding (400/415)
        // and an oversized body by the server limit (413); UseStatusCodePages gives those their problem body.
        notes.MapPost("/", Create).FailingWhenAsked(app.ServiceProvider.GetRequiredService<IConfiguration>());
        notes.MapGet("/", List);
        notes.MapGet("/{id:long}", Get);
        return app;
    }

    private static Results<Created<Note>, ValidationProblem> Create(CreateNoteRequest request, NoteStore store)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var note = store.Add(request.Text!);
        return TypedResults.Created($"/notes/{note.Id}", note);
    }

    private static Ok<IReadOnlyList<Note>> List(NoteStore store) => TypedResults.Ok(store.List());

    private static Results<Ok<Note>, NotFound> Get(long id, NoteStore store) =>
        store.Find(id) is { } note ? TypedResults.Ok(note) : TypedResults.NotFound();
}
