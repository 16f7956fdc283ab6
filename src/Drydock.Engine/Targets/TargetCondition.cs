namespace Drydock.Engine.Targets;

/// <summary>A condition together with the source text that explains it.</summary>
public sealed record TargetCondition(Func<bool> Evaluate, string Text);

/// <summary>A required parameter: the member's name, read from the source text, and its value.</summary>
public sealed record ParameterRequirement(Func<object?> Value, string Text)
{
    /// <summary>"() => Registry" → "Registry"; "() => Settings.Registry" → "Registry".</summary>
    public string MemberName
    {
        get
        {
            var body = Text.Contains("=>") ? Text[(Text.IndexOf("=>", StringComparison.Ordinal) + 2)..] : Text;
            return body.Trim().Split('.').Last().Trim();
        }
    }
}
