import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/api-error';
import { useQuery, useSession, type QueryState } from '../../api/client';
import { useRegions } from '../../api/regions';
import { useDates } from '../../format/dates';
import { graphql } from '../../gql';
import type { StatisticsPageStatisticsQuery } from '../../gql/graphql';
import { fill, useLocale, useMessages, type Locale } from '../../i18n/locale';
import { setSearch, useLocation } from '../../router';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextField } from '../../ui/field';
import { common } from '../../ui/messages';
import { ChartFigure, HorizontalBarChart, VerticalBarChart, type Series } from './charts';
import {
  chooseProvince,
  NO_FILTERS,
  readStatisticsSearch,
  regenciesOf,
  regionChoices,
  statisticsSearchParameters,
  toStatisticsFilter,
  withDefaults,
  type RegencyOption,
  type RegionOption,
  type StatisticsSearch,
} from './filters';
import { ALERT_KINDS } from '../../labels/alert-kinds';
import { label } from '../../labels/names';
import { statistics } from './messages';
import {
  alertCohort,
  alertsByKind,
  departureSeries,
  formatDuration,
  percentOf,
  returnSeries,
  stageFunnel,
  type ChartCategory,
  type StatisticsFigures,
} from './series';
import { fetchStatisticsCsv, saveFile } from './statistics-csv';
import './statistics.css';

const STATISTICS = graphql(`
  query StatisticsPageStatistics($filter: StatisticsFilter) {
    statistics(filter: $filter) {
      from
      to
      total {
        ...StatisticsPagePeriod
      }
      byYear {
        ...StatisticsPagePeriod
      }
      byMonth {
        ...StatisticsPagePeriod
      }
      abroadNow {
        total
        high
        medium
        low
        unassessed
      }
    }
  }

  fragment StatisticsPagePeriod on PeriodStatistics {
    period
    placementsRegistered
    suspectedTraffickingVictims
    departures {
      total
      procedural
      nonProcedural
    }
    returns {
      total
      ordinary
      repatriated
      remains
    }
    alerts {
      raised
      acknowledged
      resolved
      medianSecondsToAcknowledge
      medianSecondsToResolve
      byKind {
        kind
        raised
      }
    }
  }
`);

/** The console's text colours (4.5:1 or more on white), each series with its own pattern as well. */
const BRAND = '#0b5394';
const DANGER = '#a3161a';
const OK = '#1d6b33';
const WARNING = '#7a4a00';
const INK = '#1b1f24';

type Text = Record<keyof typeof statistics.id, string>;

interface DownloadState {
  /** The URL query the download was asked with. */
  for: string;
  running: boolean;
  error?: ApiError;
  saved?: string;
}

function useCount(): (value: number) => string {
  const locale = useLocale();
  const format = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB');
  return (value) => format.format(value);
}

/**
 * Statistik: the figures agencies report up the chain for a period and a region of origin or a
 * destination, as key figures, five charts (each with its table) and a CSV for a spreadsheet.
 * The filters live in the URL, so a report can be bookmarked and shared.
 */
export default function StatisticsPage(): ReactNode {
  const text = useMessages(statistics);
  const { search } = useLocation();
  const applied = withDefaults(readStatisticsSearch(search), new Date());
  const query = useQuery(STATISTICS, { filter: toStatisticsFilter(applied) });
  // A download's outcome belongs to the filters it was asked with; other filters start afresh.
  const asked = search.toString();
  const [download, setDownload] = useState<DownloadState>({ for: '', running: false });
  const current: DownloadState = download.for === asked ? download : { for: asked, running: false };

  const startDownload = async (): Promise<void> => {
    setDownload({ for: asked, running: true });
    try {
      const file = await fetchStatisticsCsv(applied);
      saveFile(file.blob, file.fileName);
      setDownload({ for: asked, running: false, saved: file.fileName });
    } catch (error) {
      setDownload({
        for: asked,
        running: false,
        error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)),
      });
    }
  };

  const fieldError = (field: keyof StatisticsSearch): string | undefined =>
    query.error?.fieldMessage(`filter.${field}`) ?? current.error?.fieldMessage(field);
  // The same bad filters refused twice are said once: the fields already show why.
  const downloadError =
    current.error?.code === 'BAD_USER_INPUT' && query.error?.code === 'BAD_USER_INPUT'
      ? undefined
      : current.error;

  return (
    <>
      <h1>{text.title}</h1>
      <p className="muted">{text.intro}</p>
      <FilterForm key={asked} initial={applied} text={text} fieldError={fieldError} />
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={current.running}
          onClick={() => void startDownload()}
        >
          {current.running ? text.downloading : text.download}
        </button>
      </div>
      <ErrorNotice error={downloadError} onRetry={() => void startDownload()} />
      <p className="visually-hidden" aria-live="polite">
        {current.saved ? fill(text.downloaded, { file: current.saved }) : ''}
      </p>
      <ErrorNotice error={query.error} onRetry={query.reload} />
      <Report state={query} text={text} />
    </>
  );
}

function Report({
  state,
  text,
}: {
  state: QueryState<StatisticsPageStatisticsQuery>;
  text: Text;
}): ReactNode {
  const loadingText = useMessages(common).loading;
  const dates = useDates();
  const data = state.data?.statistics;
  if (!data) return state.loading ? <p aria-live="polite">{loadingText}</p> : null;
  return (
    <div aria-busy={state.loading}>
      {state.loading && <p aria-live="polite">{loadingText}</p>}
      <p>
        <strong>
          {fill(text.period, {
            from: data.from ? dates.date(data.from) : text.fromFirstRecord,
            to: dates.date(data.to),
          })}
        </strong>
      </p>
      <KeyFigures figures={data} text={text} />
      <h2>{text.charts}</h2>
      <Charts figures={data} text={text} />
    </div>
  );
}

function FilterForm({
  initial,
  text,
  fieldError,
}: {
  initial: StatisticsSearch;
  text: Text;
  fieldError: (field: keyof StatisticsSearch) => string | undefined;
}): ReactNode {
  const [draft, setDraft] = useState(initial);
  const session = useSession();
  const regions = useRegions();
  const agency = session?.principal.agency;
  // Until the regions arrive the selects offer "all" and the filter in the URL; if they cannot be
  // loaded, the codes are typed instead.
  const choices =
    regions.error && !regions.regions
      ? undefined
      : regionChoices(regions.regions ?? { provinces: [], regencies: [] }, {
          provinceCodes: agency?.provinceCodes ?? [],
          regencyCodes: agency?.regencyCodes ?? [],
        });

  const apply = (event: FormEvent): void => {
    event.preventDefault();
    setSearch(statisticsSearchParameters(draft));
  };
  const change = (field: keyof StatisticsSearch, value: string): void =>
    setDraft((current) => ({ ...current, [field]: value }));

  return (
    <form className="card" onSubmit={apply} aria-labelledby="statistics-filters" noValidate>
      <h2 id="statistics-filters">{text.filters}</h2>
      <div className="form-grid">
        {(['from', 'to'] as const).map((end) => (
          <TextField
            key={end}
            label={text[end]}
            type="date"
            name={end}
            hint={text[`${end}Hint`]}
            value={draft[end]}
            onChange={(event) => change(end, event.target.value)}
            error={fieldError(end)}
          />
        ))}
        {choices ? (
          <>
            <SelectField
              label={text.province}
              name="provinceCode"
              value={draft.provinceCode}
              onChange={(event) => setDraft((current) => chooseProvince(current, event.target.value))}
              error={fieldError('provinceCode')}
            >
              <option value="">{text.allProvinces}</option>
              <RegionOptions options={choices.provinces} current={draft.provinceCode} />
            </SelectField>
            <SelectField
              label={text.regency}
              name="regencyCode"
              value={draft.regencyCode}
              onChange={(event) => change('regencyCode', event.target.value)}
              error={fieldError('regencyCode')}
            >
              <option value="">{text.allRegencies}</option>
              <RegencyOptions
                regencies={regenciesOf(choices.regencies, draft.provinceCode)}
                provinces={choices.provinces}
                current={draft.regencyCode}
              />
            </SelectField>
          </>
        ) : (
          <>
            <TextField
              label={text.province}
              name="provinceCode"
              inputMode="numeric"
              maxLength={2}
              hint={`${text.regionsUnavailable} ${text.provinceCodeHint}`}
              value={draft.provinceCode}
              onChange={(event) => setDraft((current) => chooseProvince(current, event.target.value.trim()))}
              error={fieldError('provinceCode')}
            />
            <TextField
              label={text.regency}
              name="regencyCode"
              inputMode="numeric"
              maxLength={4}
              hint={text.regencyCodeHint}
              value={draft.regencyCode}
              onChange={(event) => change('regencyCode', event.target.value.trim())}
              error={fieldError('regencyCode')}
            />
          </>
        )}
        <TextField
          label={text.destination}
          name="destination"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={2}
          hint={text.destinationHint}
          value={draft.destination}
          onChange={(event) => change('destination', event.target.value.trim().toUpperCase())}
          error={fieldError('destination')}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          {text.apply}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => setSearch(statisticsSearchParameters(NO_FILTERS))}
        >
          {text.reset}
        </button>
      </div>
    </form>
  );
}

/** The options of a region select; a code from the URL that is not offered stays selectable as itself. */
function RegionOptions({
  options,
  current,
}: {
  options: readonly RegionOption[];
  current: string;
}): ReactNode {
  return (
    <>
      {current && !options.some((option) => option.code === current) && (
        <option value={current}>{current}</option>
      )}
      {options.map((option) => (
        <option key={option.code} value={option.code}>
          {option.name} ({option.code})
        </option>
      ))}
    </>
  );
}

/** Regencies grouped under their province, so that a list of every regency stays readable. */
function RegencyOptions({
  regencies,
  provinces,
  current,
}: {
  regencies: readonly RegencyOption[];
  provinces: readonly RegionOption[];
  current: string;
}): ReactNode {
  return (
    <>
      {current && !regencies.some((regency) => regency.code === current) && (
        <option value={current}>{current}</option>
      )}
      {provinces.map((province) => {
        const inProvince = regencies.filter((regency) => regency.provinceCode === province.code);
        return inProvince.length === 0 ? null : (
          <optgroup key={province.code} label={province.name}>
            {inProvince.map((regency) => (
              <option key={regency.code} value={regency.code}>
                {regency.name} ({regency.code})
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

function KeyFigures({
  figures,
  text,
}: {
  figures: StatisticsPageStatisticsQuery['statistics'];
  text: Text;
}): ReactNode {
  const count = useCount();
  const locale = useLocale();
  const { total, abroadNow } = figures;
  const nonProceduralShare = percentOf(total.departures.nonProcedural, total.departures.total);
  return (
    <section aria-labelledby="statistics-key-figures">
      <h2 id="statistics-key-figures">{text.keyFigures}</h2>
      <dl className="stat-grid">
        <Figure label={text.placementsRegistered} value={count(total.placementsRegistered)} />
        <Figure label={text.departures} value={count(total.departures.total)} />
        <Figure
          label={text.nonProcedural}
          value={count(total.departures.nonProcedural)}
          detail={
            nonProceduralShare === undefined
              ? undefined
              : fill(text.shareOfDepartures, { percent: nonProceduralShare })
          }
        />
        <Figure label={text.returns} value={count(total.returns.total)} />
        <div className="stat">
          <dt>{text.abroadNow}</dt>
          <dd>
            <span className="stat-value">{count(abroadNow.total)}</span>
            <span className="stat-detail">{text.abroadNowNote}</span>
            <ul className="stat-risks">
              <li>
                <span className="badge badge-danger">{text.riskHigh}</span> {count(abroadNow.high)}
              </li>
              <li>
                <span className="badge badge-warning">{text.riskMedium}</span> {count(abroadNow.medium)}
              </li>
              <li>
                <span className="badge badge-ok">{text.riskLow}</span> {count(abroadNow.low)}
              </li>
              <li>
                <span className="badge">{text.riskUnassessed}</span> {count(abroadNow.unassessed)}
              </li>
            </ul>
          </dd>
        </div>
        <Figure
          label={text.trafficking}
          value={count(total.suspectedTraffickingVictims)}
          detail={text.traffickingNote}
        />
        <Figure
          label={text.medianAcknowledge}
          value={durationText(total.alerts.medianSecondsToAcknowledge, locale, text)}
        />
        <Figure
          label={text.medianResolve}
          value={durationText(total.alerts.medianSecondsToResolve, locale, text)}
        />
      </dl>
    </section>
  );
}

function durationText(seconds: number | null | undefined, locale: Locale, text: Text): string {
  return formatDuration(seconds, locale) ?? text.noMedian;
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }): ReactNode {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {detail && <span className="stat-detail">{detail}</span>}
      </dd>
    </div>
  );
}

/** The five charts, each with its figures as a table. */
function Charts({ figures, text }: { figures: StatisticsFigures; text: Text }): ReactNode {
  const locale = useLocale();
  const departures = departureSeries(figures, locale);
  const byMonth = departures.unit === 'month';
  return (
    <div className="chart-grid-list">
      <StepsChart
        title={text.funnelTitle}
        note={text.funnelNote}
        stepHeading={text.stage}
        axisLabel={text.placementsAxis}
        color={BRAND}
        steps={stageFunnel(figures.total).map((step) => ({ label: text[step.stage], value: step.value }))}
        text={text}
      />
      <SeriesChart
        title={byMonth ? text.departuresByMonthTitle : text.departuresByYearTitle}
        periodHeading={byMonth ? text.month : text.year}
        series={[
          { name: text.procedural, style: { color: BRAND, pattern: 'solid' } },
          { name: text.nonProceduralSeries, style: { color: DANGER, pattern: 'stripes' } },
        ]}
        categories={departures.categories}
        mode="stacked"
        axisLabel={text.departuresAxis}
        text={text}
      />
      <SeriesChart
        title={text.returnsTitle}
        periodHeading={text.year}
        series={[
          { name: text.ordinary, style: { color: OK, pattern: 'solid' } },
          { name: text.repatriated, style: { color: WARNING, pattern: 'stripes' } },
          { name: text.remains, style: { color: INK, pattern: 'dots' } },
        ]}
        categories={returnSeries(figures)}
        mode="grouped"
        axisLabel={text.returnsAxis}
        text={text}
      />
      <StepsChart
        title={text.alertsTitle}
        note={text.alertsNote}
        stepHeading={text.alertStep}
        axisLabel={text.alertsAxis}
        color={DANGER}
        steps={alertCohort(figures.total).map((step) => ({ label: text[step.step], value: step.value }))}
        text={text}
      />
      <StepsChart
        title={text.alertsByKindTitle}
        note={text.alertsByKindNote}
        stepHeading={text.alertKind}
        axisLabel={text.alertsAxis}
        color={WARNING}
        steps={alertsByKind(figures.total).map((counts) => ({
          label: label(ALERT_KINDS, counts.kind, locale),
          value: counts.value,
        }))}
        text={text}
      />
    </div>
  );
}

/** Steps one after another (the placement cycle, an alert's handling) as horizontal bars. */
function StepsChart({
  title,
  note,
  stepHeading,
  axisLabel,
  color,
  steps,
  text,
}: {
  title: string;
  note: string;
  stepHeading: string;
  axisLabel: string;
  color: string;
  steps: readonly { label: string; value: number }[];
  text: Text;
}): ReactNode {
  const count = useCount();
  return (
    <ChartFigure
      title={title}
      note={note}
      showTable={text.showTable}
      hideTable={text.hideTable}
      table={<SimpleTable caption={title} head={[stepHeading, text.total]} rows={steps} format={count} />}
    >
      <HorizontalBarChart rows={steps} axisLabel={axisLabel} color={color} format={count} />
    </ChartFigure>
  );
}

/** Series per period (departures, returns) as vertical bars, stacked or side by side. */
function SeriesChart({
  title,
  periodHeading,
  series,
  categories,
  mode,
  axisLabel,
  text,
}: {
  title: string;
  periodHeading: string;
  series: readonly Series[];
  categories: readonly ChartCategory[];
  mode: 'stacked' | 'grouped';
  axisLabel: string;
  text: Text;
}): ReactNode {
  const count = useCount();
  return (
    <ChartFigure
      title={title}
      showTable={text.showTable}
      hideTable={text.hideTable}
      table={
        <SeriesTable
          caption={title}
          periodHeading={periodHeading}
          series={series}
          categories={categories}
          totalHeading={text.total}
          format={count}
        />
      }
    >
      <VerticalBarChart
        categories={categories}
        series={series}
        mode={mode}
        xLabel={periodHeading}
        yLabel={axisLabel}
        format={count}
      />
    </ChartFigure>
  );
}

function SimpleTable({
  caption,
  head,
  rows,
  format,
}: {
  caption: string;
  head: [string, string];
  rows: readonly { label: string; value: number }[];
  format: (value: number) => string;
}): ReactNode {
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col" className="number">
            {head[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className="number">{format(row.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SeriesTable({
  caption,
  periodHeading,
  series,
  categories,
  totalHeading,
  format,
}: {
  caption: string;
  periodHeading: string;
  series: readonly Series[];
  categories: readonly ChartCategory[];
  totalHeading: string;
  format: (value: number) => string;
}): ReactNode {
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{periodHeading}</th>
          {series.map((entry) => (
            <th key={entry.name} scope="col" className="number">
              {entry.name}
            </th>
          ))}
          <th scope="col" className="number">
            {totalHeading}
          </th>
        </tr>
      </thead>
      <tbody>
        {categories.map((category) => (
          <tr key={category.period}>
            <th scope="row">{category.tableLabel}</th>
            {category.values.map((value, index) => (
              <td key={index} className="number">
                {format(value)}
              </td>
            ))}
            <td className="number">{format(category.values.reduce((sum, value) => sum + value, 0))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
