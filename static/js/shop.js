// Small progressive enhancements; every page works without them.
import { init as initSort } from "./sort.js";
import { init as initFilters } from "./filters.js";
import { init as initGallery } from "./gallery.js";
import { init as initVariants } from "./variants.js";
import { init as initCheckout } from "./checkout.js";

document.documentElement.classList.add("js");
initSort(document);
initFilters(document);
initGallery(document);
initVariants(document);
initCheckout(document);
