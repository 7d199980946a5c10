// Where a factor came from: an archive member path, often long
// (`backup.tar.gz!root/rally_home/reservation.yaml:topology`). Shown with its last parts and
// the whole path in the tooltip, with line breaks allowed only after a separator.
const SEPARATOR = /(?<=[/!])/;

export function SourcePath({ source, className = '' }: { source: string; className?: string }) {
  const parts = source.split(SEPARATOR);
  const shown = parts.length > 3 ? ['…/', ...parts.slice(-2)] : parts;
  return (
    <span title={source} className={`font-mono break-words ${className}`}>
      {shown.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
        <span key={i}>
          {p}
          <wbr />
        </span>
      ))}
    </span>
  );
}
