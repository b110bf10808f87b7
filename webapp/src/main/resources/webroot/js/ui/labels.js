// Labels of the schema's enumerations, from the message bundle.
import { t } from '../i18n.js';
import { enumValues } from '../engine/schema.js';

export const ENUMS_LABELS = {
  nature: () => enumValues('budget', 'nature').map(v => ({ value: v, label: t(`nature.${v}`) })),
  category: () => enumValues('budget', 'category').map(v => ({ value: v, label: t(`category.${v}`) })),
};
