namespace Notes.Api;

/// <summary>The body of <c>POST /notes</c>.</summary>
internal sealed record CreateNoteRequest(string? Text)
{
    public const int MaxTextLength = 4000;

    /// <summary>Field errors in the shape of a validation problem; empty when the request is acceptable.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Text))
            errors["text"] = ["Text is required and must not be blank."];
        else if (Text.Length > MaxTextLength)
            errors["text"] = [$"Text must be at most {MaxTextLength} characters; it has {Text.Length}."];
        return errors;
    }
}
